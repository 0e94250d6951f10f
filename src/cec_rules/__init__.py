"""cec_rules: the rules of the AAST Continuing Education Credit program.

Quote what a provider pays to have a program approved, tell when it is late or
too late, and explain every answer with the rule ids of the rule book.  The
core is pure: money is ``Decimal``, dates are ``date``, "today" is always an
argument, and nothing reads a clock or a file behind the caller's back.

The names below are imported from their modules on first use (PEP 562), so
``import cec_rules`` stays quick and a service pays only for the parts it uses.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cec_rules.accounts import (
        Account,
        AccountKind,
        AccountRepository,
        InMemoryRepository,
    )
    from cec_rules.deadlines import (
        OfferingTiming,
        ReportingWindow,
        WindowStatus,
        days_before_start,
        last_report_day,
        local_date,
        offering_timing,
        reporting_window,
    )
    from cec_rules.eligibility import (
        Award,
        Condition,
        CreditDecision,
        ReviewDecision,
        credit_decision,
        review_decision,
    )
    from cec_rules.errors import (
        CecRulesError,
        InvalidAccount,
        InvalidAmount,
        InvalidApplication,
        InvalidArgument,
        InvalidCredits,
        InvalidEvent,
        InvalidOffering,
        InvalidPolicy,
        NaiveDatetime,
        NotApproved,
        PolicyFloat,
        PolicyNotInForce,
        RefusedFloat,
        RowConservationError,
        TransitionRefused,
    )
    from cec_rules.examples import (
        example_applications,
        example_roster,
    )
    from cec_rules.fees import (
        ApplicationAssessment,
        AssessmentStatus,
        FeeKind,
        FeeLine,
        OfferingAssessment,
        assess_application,
        calendar_listing_shown,
    )
    from cec_rules.lifecycle import (
        ApplicationStatus,
        Event,
        EventKind,
        History,
        RosterState,
        RosterStatus,
        fold,
    )
    from cec_rules.policy import (
        DEFAULT_POLICY,
        NameMismatch,
        Policy,
        PolicySchedule,
        PolicyVersion,
        default_schedule,
        load_toml,
        policy_from_toml,
        schedule_from_toml,
    )
    from cec_rules.program import (
        Application,
        Offering,
        Program,
        ProgramFormat,
    )
    from cec_rules.roster import (
        FINDING_CODES,
        AcceptedAttendee,
        Attendees,
        Finding,
        RefusedRow,
        RosterDraft,
        RosterReport,
        Severity,
        check_roster,
    )
    from cec_rules.sqlite_repository import (
        SqliteRepository,
    )

# Where each public name lives: read on first use by __getattr__ below.
_EXPORTS = {
    "AcceptedAttendee": "cec_rules.roster",
    "Account": "cec_rules.accounts",
    "AccountKind": "cec_rules.accounts",
    "AccountRepository": "cec_rules.accounts",
    "Application": "cec_rules.program",
    "ApplicationAssessment": "cec_rules.fees",
    "ApplicationStatus": "cec_rules.lifecycle",
    "AssessmentStatus": "cec_rules.fees",
    "Attendees": "cec_rules.roster",
    "Award": "cec_rules.eligibility",
    "CecRulesError": "cec_rules.errors",
    "Condition": "cec_rules.eligibility",
    "CreditDecision": "cec_rules.eligibility",
    "DEFAULT_POLICY": "cec_rules.policy",
    "Event": "cec_rules.lifecycle",
    "EventKind": "cec_rules.lifecycle",
    "FINDING_CODES": "cec_rules.roster",
    "FeeKind": "cec_rules.fees",
    "FeeLine": "cec_rules.fees",
    "Finding": "cec_rules.roster",
    "History": "cec_rules.lifecycle",
    "InMemoryRepository": "cec_rules.accounts",
    "InvalidAccount": "cec_rules.errors",
    "InvalidAmount": "cec_rules.errors",
    "InvalidApplication": "cec_rules.errors",
    "InvalidArgument": "cec_rules.errors",
    "InvalidCredits": "cec_rules.errors",
    "InvalidEvent": "cec_rules.errors",
    "InvalidOffering": "cec_rules.errors",
    "InvalidPolicy": "cec_rules.errors",
    "NaiveDatetime": "cec_rules.errors",
    "NameMismatch": "cec_rules.policy",
    "NotApproved": "cec_rules.errors",
    "Offering": "cec_rules.program",
    "OfferingAssessment": "cec_rules.fees",
    "OfferingTiming": "cec_rules.deadlines",
    "Policy": "cec_rules.policy",
    "PolicyFloat": "cec_rules.errors",
    "PolicyNotInForce": "cec_rules.errors",
    "PolicySchedule": "cec_rules.policy",
    "PolicyVersion": "cec_rules.policy",
    "Program": "cec_rules.program",
    "ProgramFormat": "cec_rules.program",
    "RefusedFloat": "cec_rules.errors",
    "RefusedRow": "cec_rules.roster",
    "ReportingWindow": "cec_rules.deadlines",
    "ReviewDecision": "cec_rules.eligibility",
    "RosterDraft": "cec_rules.roster",
    "RosterReport": "cec_rules.roster",
    "RosterState": "cec_rules.lifecycle",
    "RosterStatus": "cec_rules.lifecycle",
    "RowConservationError": "cec_rules.errors",
    "Severity": "cec_rules.roster",
    "SqliteRepository": "cec_rules.sqlite_repository",
    "TransitionRefused": "cec_rules.errors",
    "WindowStatus": "cec_rules.deadlines",
    "assess_application": "cec_rules.fees",
    "calendar_listing_shown": "cec_rules.fees",
    "check_roster": "cec_rules.roster",
    "credit_decision": "cec_rules.eligibility",
    "days_before_start": "cec_rules.deadlines",
    "default_schedule": "cec_rules.policy",
    "example_applications": "cec_rules.examples",
    "example_roster": "cec_rules.examples",
    "fold": "cec_rules.lifecycle",
    "last_report_day": "cec_rules.deadlines",
    "load_toml": "cec_rules.policy",
    "local_date": "cec_rules.deadlines",
    "offering_timing": "cec_rules.deadlines",
    "policy_from_toml": "cec_rules.policy",
    "reporting_window": "cec_rules.deadlines",
    "review_decision": "cec_rules.eligibility",
    "schedule_from_toml": "cec_rules.policy",
}


def __getattr__(name: str) -> Any:
    """Import a public name from its module on first use (PEP 562)."""
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("cec-rules")
        except PackageNotFoundError:  # pragma: no cover - only in an uninstalled tree
            return "0+unknown"
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'cec_rules' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later lookups find it without calling this function
    return value


def __dir__() -> list[str]:
    """List the public names too, before they are first read."""
    return sorted({*globals(), *__all__})


__all__ = [
    "DEFAULT_POLICY",
    "FINDING_CODES",
    "AcceptedAttendee",
    "Account",
    "AccountKind",
    "AccountRepository",
    "Application",
    "ApplicationAssessment",
    "ApplicationStatus",
    "AssessmentStatus",
    "Attendees",
    "Award",
    "CecRulesError",
    "Condition",
    "CreditDecision",
    "Event",
    "EventKind",
    "FeeKind",
    "FeeLine",
    "Finding",
    "History",
    "InMemoryRepository",
    "InvalidAccount",
    "InvalidAmount",
    "InvalidApplication",
    "InvalidArgument",
    "InvalidCredits",
    "InvalidEvent",
    "InvalidOffering",
    "InvalidPolicy",
    "NaiveDatetime",
    "NameMismatch",
    "NotApproved",
    "Offering",
    "OfferingAssessment",
    "OfferingTiming",
    "Policy",
    "PolicyFloat",
    "PolicyNotInForce",
    "PolicySchedule",
    "PolicyVersion",
    "Program",
    "ProgramFormat",
    "RefusedFloat",
    "RefusedRow",
    "ReportingWindow",
    "ReviewDecision",
    "RosterDraft",
    "RosterReport",
    "RosterState",
    "RosterStatus",
    "RowConservationError",
    "Severity",
    "SqliteRepository",
    "TransitionRefused",
    "WindowStatus",
    "__version__",
    "assess_application",
    "calendar_listing_shown",
    "check_roster",
    "credit_decision",
    "days_before_start",
    "default_schedule",
    "example_applications",
    "example_roster",
    "fold",
    "last_report_day",
    "load_toml",
    "local_date",
    "offering_timing",
    "policy_from_toml",
    "reporting_window",
    "review_decision",
    "schedule_from_toml",
]
