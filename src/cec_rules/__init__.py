"""cec_rules: the rules of the AAST Continuing Education Credit program.

Quote what a provider pays to have a program approved, tell when it is late or
too late, and explain every answer with the rule ids of the rule book.  The
core is pure: money is ``Decimal``, dates are ``date``, "today" is always an
argument, and nothing reads a clock or a file behind the caller's back.
"""

from importlib.metadata import PackageNotFoundError, version

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
from cec_rules.errors import (
    CecRulesError,
    InvalidAccount,
    InvalidAmount,
    InvalidApplication,
    InvalidCredits,
    InvalidOffering,
    InvalidPolicy,
    NaiveDatetime,
    NotApproved,
    PolicyNotInForce,
    RefusedFloat,
    RowConservationError,
)
from cec_rules.examples import example_applications
from cec_rules.fees import (
    ApplicationAssessment,
    AssessmentStatus,
    FeeKind,
    FeeLine,
    OfferingAssessment,
    assess_application,
    calendar_listing_shown,
)
from cec_rules.policy import (
    DEFAULT_POLICY,
    NameMismatch,
    Policy,
    PolicySchedule,
    PolicyVersion,
    default_schedule,
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

try:
    __version__ = version("cec-rules")
except PackageNotFoundError:  # pragma: no cover - only when run from an uninstalled tree
    __version__ = "0+unknown"

__all__ = [
    "DEFAULT_POLICY",
    "FINDING_CODES",
    "AcceptedAttendee",
    "Account",
    "AccountKind",
    "AccountRepository",
    "Application",
    "ApplicationAssessment",
    "AssessmentStatus",
    "CecRulesError",
    "FeeKind",
    "FeeLine",
    "Finding",
    "InMemoryRepository",
    "InvalidAccount",
    "InvalidAmount",
    "InvalidApplication",
    "InvalidCredits",
    "InvalidOffering",
    "InvalidPolicy",
    "NaiveDatetime",
    "NameMismatch",
    "NotApproved",
    "Offering",
    "OfferingAssessment",
    "OfferingTiming",
    "Policy",
    "PolicyNotInForce",
    "PolicySchedule",
    "PolicyVersion",
    "Program",
    "ProgramFormat",
    "RefusedFloat",
    "RefusedRow",
    "ReportingWindow",
    "RosterDraft",
    "RosterReport",
    "RowConservationError",
    "Severity",
    "WindowStatus",
    "__version__",
    "assess_application",
    "calendar_listing_shown",
    "check_roster",
    "days_before_start",
    "default_schedule",
    "example_applications",
    "last_report_day",
    "local_date",
    "offering_timing",
    "policy_from_toml",
    "reporting_window",
    "schedule_from_toml",
]
