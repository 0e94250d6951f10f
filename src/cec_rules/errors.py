"""The library's errors.

Every error raised on purpose is a :class:`CecRulesError`.  Each subclass also
inherits the builtin a caller would catch without knowing this library
(``ValueError``, ``TypeError``, ``LookupError``), carries the facts as
attributes, and is built by a classmethod that writes a message a person can
act on.

Bad data *inside a roster* is never an exception: it becomes a finding in the
roster report.  Exceptions are for values a caller should not have passed.
"""

from __future__ import annotations

from datetime import date
from typing import Any

__all__ = [
    "CecRulesError",
    "InvalidAccount",
    "InvalidAmount",
    "InvalidApplication",
    "InvalidArgument",
    "InvalidCredits",
    "InvalidEvent",
    "InvalidHistory",
    "InvalidOffering",
    "InvalidPolicy",
    "InvalidReport",
    "InvalidRepository",
    "MissingExtra",
    "NaiveDatetime",
    "NotApproved",
    "PolicyFloat",
    "PolicyNotInForce",
    "RefusedFloat",
    "RosterMismatch",
    "RowConservationError",
    "TransitionRefused",
    "UnsupportedSetting",
]


class CecRulesError(Exception):
    """The base of every error this library raises on purpose.

    ``rule`` names the rule id from the rule book that the error enforces,
    or is ``None`` when the error is about the call itself.
    """

    rule: str | None = None

    def __init__(self, message: str, *, rule: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if rule is not None:
            self.rule = rule

    def __str__(self) -> str:
        return self.message


class InvalidArgument(CecRulesError, TypeError):
    """A value of the wrong kind was passed to the library: text where a date is
    needed, ``None`` where a repository is.  The message says what to pass."""


class RefusedFloat(CecRulesError, TypeError):
    """A ``float`` was given where money or credits are expected (`money-decimal`)."""

    rule = "money-decimal"

    def __init__(self, message: str, *, field: str, value: float) -> None:
        super().__init__(message)
        self.field = field
        self.value = value

    @classmethod
    def for_field(cls, field: str, value: float) -> RefusedFloat:
        """Build the error for ``field`` holding the float ``value``."""
        return cls(
            f"{field} must be a Decimal, an int or a string such as '{value!s}', "
            f"not the float {value!r}: a float cannot hold every amount in cents exactly",
            field=field,
            value=value,
        )

    @classmethod
    def in_json(cls, path: str, value: float) -> RefusedFloat:
        """Build the error for the JSON data at ``path`` holding the float ``value``: what
        ``json.loads`` makes of a number with a fraction, unless told otherwise."""
        return cls(
            f"{path} must be text such as '{value!s}' or a Decimal, not the float {value!r}: "
            "a float cannot hold every amount exactly; parse the JSON with "
            "json.loads(text, parse_float=Decimal), or write the number as text",
            field=path,
            value=value,
        )


class InvalidAmount(CecRulesError, ValueError):
    """An amount of money is not a finite, non-negative decimal (`money-decimal`)."""

    rule = "money-decimal"

    def __init__(self, message: str, *, field: str, value: object, reason: str) -> None:
        super().__init__(message)
        self.field = field
        self.value = value
        self.reason = reason

    @classmethod
    def because(cls, field: str, value: object, reason: str) -> InvalidAmount:
        """Build the error for ``field`` holding ``value``, refused for ``reason``."""
        return cls(
            f"{field} {value!r} is refused: {reason}", field=field, value=value, reason=reason
        )


class InvalidCredits(CecRulesError, ValueError):
    """A number of CECs breaks `cec-amount`."""

    rule = "cec-amount"

    def __init__(self, message: str, *, value: object) -> None:
        super().__init__(message)
        self.value = value

    @classmethod
    def because(cls, value: object, reason: str) -> InvalidCredits:
        """Build the error for the CEC count ``value``, refused for ``reason``."""
        return cls(f"CECs {value!s} are refused: {reason}", value=value)


class InvalidOffering(CecRulesError, ValueError):
    """An offering's dates or recurrence cannot be used."""

    def __init__(self, message: str, *, rule: str | None = None, **facts: Any) -> None:
        super().__init__(message, rule=rule)
        self.facts = facts


class InvalidApplication(CecRulesError, ValueError):
    """An application is missing something it needs."""

    def __init__(self, message: str, *, rule: str | None = None) -> None:
        super().__init__(message, rule=rule)


class NaiveDatetime(CecRulesError, ValueError):
    """A datetime without a time zone was given where a moment is needed (`submission-date`)."""

    rule = "submission-date"

    def __init__(self, message: str, *, field: str, value: object) -> None:
        super().__init__(message)
        self.field = field
        self.value = value

    @classmethod
    def for_field(cls, field: str, value: object) -> NaiveDatetime:
        """Build the error for ``field`` holding the naive datetime ``value``."""
        return cls(
            f"{field} {value!s} has no time zone, so its calendar date cannot be known: "
            "pass a date, or a datetime with tzinfo (for example ZoneInfo('America/Chicago'))",
            field=field,
            value=value,
        )


class InvalidPolicy(CecRulesError, ValueError):
    """A policy, a policy schedule or its TOML text is not valid (`policy-version`).

    ``path`` names the key, for example ``versions[1].late_window_days``.
    """

    rule = "policy-version"

    def __init__(self, message: str, *, path: str = "") -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path
        self.reason = message


class PolicyFloat(InvalidPolicy, TypeError):
    """A float where a policy expects money (`money-decimal`): refused, never rounded.

    Both an :class:`InvalidPolicy` (naming the key path) and a ``TypeError``.
    """


class PolicyNotInForce(CecRulesError, LookupError):
    """No policy version is in force on a date (`policy-version`)."""

    rule = "policy-version"

    def __init__(self, message: str, *, on: date) -> None:
        super().__init__(message)
        self.on = on

    @classmethod
    def on_date(cls, on: date, first: date) -> PolicyNotInForce:
        """Build the error for ``on``, given the schedule's earliest start ``first``."""
        return cls(
            f"no policy version is in force on {on.isoformat()}: the schedule starts on "
            f"{first.isoformat()} and has no version covering that date; add one or check the date",
            on=on,
        )


class InvalidAccount(CecRulesError, ValueError):
    """An account, or a file of accounts, cannot be used."""


class NotApproved(CecRulesError, ValueError):
    """Attendance was reported for a program with no Program ID (`approval-first`)."""

    rule = "approval-first"


class RowConservationError(CecRulesError, AssertionError):
    """A roster report lost or repeated a row (`row-conservation`): a bug in the library."""

    rule = "row-conservation"


class TransitionRefused(CecRulesError, ValueError):
    """An event that the current status does not allow (rule book section 8).

    ``status`` is the status the event met (``None`` for a malformed event);
    ``event`` is the refused event.
    """

    def __init__(self, message: str, *, status: str | None, event: Any, rule: str | None) -> None:
        super().__init__(message, rule=rule)
        self.status = status
        self.event = event

    @classmethod
    def not_allowed(
        cls, status: str, event: Any, rule: str, *, subject: str = "application"
    ) -> TransitionRefused:
        """Build the error for ``event`` meeting ``subject`` in ``status``."""
        target = f" for roster {event.roster!r}" if event.roster else ""
        return cls(
            f"{event.kind.value}{target} on {event.on.isoformat()} is not allowed while the "
            f"{subject} is {status} ({rule})",
            status=status,
            event=event,
            rule=rule,
        )

    @classmethod
    def malformed(cls, event: Any, reason: str) -> TransitionRefused:
        """Build the error for an event that cannot apply whatever the status."""
        return cls(f"{reason}", status=None, event=event, rule=None)

    @classmethod
    def out_of_order(cls, event: Any, previous: Any) -> TransitionRefused:
        """Build the error for an event dated before the one applied last."""
        return cls(
            f"{event.kind.value} on {event.on.isoformat()} comes before the last event applied "
            f"({previous.kind.value} on {previous.on.isoformat()}); give events in date order",
            status=None,
            event=event,
            rule=None,
        )


class InvalidRepository(CecRulesError, TypeError):
    """A repository broke the protocol (:class:`~cec_rules.accounts.AccountRepository`):
    the message names the method and what it returned."""


class RosterMismatch(TransitionRefused):
    """A roster of the history paired with the report of another roster (rule book
    section 8): an event, or a credit decision, built from a report that is not the
    one the roster was reported from, or one report reported as two rosters.

    ``roster`` names the roster; ``expected`` is the reference of the report it
    was reported from and ``given`` the reference that came with the call.  A
    :class:`TransitionRefused`, so that a caller of ``fold`` catches it too.
    """

    def __init__(
        self,
        message: str,
        *,
        roster: str,
        expected: str | None,
        given: str | None,
        event: Any,
        rule: str,
    ) -> None:
        super().__init__(message, status=None, event=event, rule=rule)
        self.roster = roster
        self.expected = expected
        self.given = given

    @classmethod
    def for_event(cls, roster: str, expected: str, event: Any, rule: str) -> RosterMismatch:
        """Build the error for ``event``, built from another report than ``roster``'s."""
        return cls(
            f"{event.kind.value} for roster {roster!r} on {event.on.isoformat()} was built "
            f"from the report {event.report}, but the roster was reported from the report "
            f"{expected} ({rule})",
            roster=roster,
            expected=expected,
            given=event.report,
            event=event,
            rule=rule,
        )

    @classmethod
    def reported_twice(cls, roster: str, event: Any) -> RosterMismatch:
        """Build the error for ``event`` reporting as a new roster the report of ``roster``."""
        return cls(
            f"roster-reported for roster {event.roster!r} on {event.on.isoformat()} reports "
            f"the report {event.report} again: it was reported as roster {roster!r}, and its "
            "attendees may be counted and charged once (one-claim)",
            roster=roster,
            expected=event.report,
            given=event.report,
            event=event,
            rule="one-claim",
        )

    @classmethod
    def for_report(cls, roster: str, expected: str, given: str) -> RosterMismatch:
        """Build the error for credits asked for ``roster`` with the report ``given``."""
        return cls(
            f"roster {roster!r} was reported from the report {expected}, not from {given}: "
            "decide its credits on the report it was reported from (fee-before-credit)",
            roster=roster,
            expected=expected,
            given=given,
            event=None,
            rule="fee-before-credit",
        )


class InvalidHistory(CecRulesError, ValueError):
    """A history export (past applications and rosters) that cannot be read as one, or
    one record of it, as :mod:`cec_rules.history` reports it."""


class MissingExtra(CecRulesError, ImportError):
    """An optional extra the call needs is not installed: the message names the
    command that installs it."""


class UnsupportedSetting(CecRulesError, RuntimeError):
    """A process-wide setting would change the library's answer, so it gives none: the
    message names the setting and the value to give it."""


class InvalidEvent(CecRulesError, ValueError):
    """A lifecycle event of a kind the library does not know, or event data that
    :meth:`~cec_rules.lifecycle.Event.from_dict` cannot read."""


class InvalidReport(CecRulesError, ValueError):
    """Data that :meth:`~cec_rules.roster.RosterReport.from_dict` (or the ``from_dict``
    of a part of a report: a finding, a refused row, an accepted attendee, a
    reporting window) cannot read back.

    ``path`` names the key, for example ``accepted[3].completion_date``.
    """

    def __init__(self, message: str, *, path: str = "") -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path
        self.reason = message
