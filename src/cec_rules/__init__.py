"""cec_rules: the rules of the AAST Continuing Education Credit program.

Quote what a provider pays to have a program approved, tell when it is late or
too late, and explain every answer with the rule ids of the rule book.  The
core is pure: money is ``Decimal``, dates are ``date``, "today" is always an
argument, and nothing reads a clock or a file behind the caller's back.
"""

from cec_rules.accounts import Account, AccountKind, AccountRepository, InMemoryRepository
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
from cec_rules.examples import example_applications, example_roster
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
from cec_rules.program import Application, Offering, Program, ProgramFormat
from cec_rules.roster import (
    FINDING_CODES,
    AcceptedAttendee,
    Finding,
    RefusedRow,
    RosterDraft,
    RosterReport,
    Severity,
    check_roster,
)
from cec_rules.sqlite_repository import SqliteRepository


def __getattr__(name: str) -> str:
    """Give ``__version__`` from the installed metadata, read on first use (PEP 562)."""
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("cec-rules")
        except PackageNotFoundError:  # pragma: no cover - only in an uninstalled tree
            return "0+unknown"
    raise AttributeError(f"module 'cec_rules' has no attribute {name!r}")


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
