"""Tests that kill mutmut's surviving mutants of cec_rules.deadlines (see docs/mutation.md)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo

import pytest

from cec_rules.deadlines import last_report_day, local_date, reporting_window
from cec_rules.errors import NaiveDatetime
from cec_rules.policy import DEFAULT_POLICY
from cec_rules.program import Offering, ProgramFormat


class NoOffset(tzinfo):
    """A tzinfo that knows no offset: the datetime is still naive."""

    def utcoffset(self, dt: datetime | None) -> timedelta | None:
        """No offset."""
        return None

    def dst(self, dt: datetime | None) -> timedelta | None:
        """No daylight saving time."""
        return None

    def tzname(self, dt: datetime | None) -> str | None:
        """No name."""
        return None


class TestLocalDate:
    """A datetime whose zone gives no offset is naive, and the error keeps it."""

    def test_tzinfo_without_offset_is_naive(self) -> None:
        """A tzinfo returning no offset is refused like a missing one."""
        moment = datetime(2026, 3, 1, 23, 30, tzinfo=NoOffset())
        with pytest.raises(NaiveDatetime) as caught:
            local_date(moment, DEFAULT_POLICY, field="submitted")
        assert ("submitted", moment) == (caught.value.field, caught.value.value)

    def test_naive_datetime_is_kept_on_the_error(self) -> None:
        """The naive datetime itself is on the error."""
        moment = datetime(2026, 3, 1, 23, 30)
        with pytest.raises(NaiveDatetime) as caught:
            local_date(moment, DEFAULT_POLICY)
        assert ("moment", moment) == (caught.value.field, caught.value.value)


class TestSelfPacedWithoutCompletion:
    """A self-paced window needs the completion date, and says so."""

    MESSAGE = (
        "a self-paced program's window is counted from the attendee's completion date: "
        "pass completion="
    )

    def test_last_report_day_message(self) -> None:
        """last_report_day names the missing argument."""
        with pytest.raises(TypeError) as caught:
            last_report_day(
                Offering(date(2026, 3, 2)), DEFAULT_POLICY, program_format=ProgramFormat.SELF_PACED
            )
        assert self.MESSAGE == str(caught.value)

    def test_reporting_window_message(self) -> None:
        """reporting_window names the missing argument."""
        with pytest.raises(TypeError) as caught:
            reporting_window(
                Offering(date(2026, 3, 2)),
                date(2026, 3, 3),
                DEFAULT_POLICY,
                program_format=ProgramFormat.SELF_PACED,
            )
        assert self.MESSAGE == str(caught.value)
