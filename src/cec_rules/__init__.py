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

# The public names: this block is the one list of them.  A type checker reads it
# as written (``X as X`` marks a name as re-exported, PEP 484); at run time it is
# never executed, and _exports() reads the module each name comes from out of it.
if TYPE_CHECKING:
    from cec_rules.accounts import (
        Account as Account,
        AccountKind as AccountKind,
        AccountRepository as AccountRepository,
        InMemoryRepository as InMemoryRepository,
    )
    from cec_rules.deadlines import (
        OfferingTiming as OfferingTiming,
        ReportingWindow as ReportingWindow,
        WindowStatus as WindowStatus,
        days_before_start as days_before_start,
        last_report_day as last_report_day,
        local_date as local_date,
        offering_timing as offering_timing,
        reporting_window as reporting_window,
    )
    from cec_rules.eligibility import (
        Award as Award,
        Condition as Condition,
        CreditDecision as CreditDecision,
        ReviewDecision as ReviewDecision,
        RosterCredits as RosterCredits,
        credit_decision as credit_decision,
        review_decision as review_decision,
        roster_credits as roster_credits,
    )
    from cec_rules.errors import (
        CecRulesError as CecRulesError,
        InvalidAccount as InvalidAccount,
        InvalidAmount as InvalidAmount,
        InvalidApplication as InvalidApplication,
        InvalidArgument as InvalidArgument,
        InvalidCredits as InvalidCredits,
        InvalidEvent as InvalidEvent,
        InvalidHistory as InvalidHistory,
        InvalidOffering as InvalidOffering,
        InvalidPolicy as InvalidPolicy,
        InvalidReport as InvalidReport,
        InvalidRepository as InvalidRepository,
        MissingExtra as MissingExtra,
        NaiveDatetime as NaiveDatetime,
        NotApproved as NotApproved,
        PolicyFloat as PolicyFloat,
        PolicyNotInForce as PolicyNotInForce,
        RefusedFloat as RefusedFloat,
        RosterMismatch as RosterMismatch,
        RowConservationError as RowConservationError,
        TransitionRefused as TransitionRefused,
        UnsupportedSetting as UnsupportedSetting,
    )
    from cec_rules.examples import (
        example_applications as example_applications,
        example_roster as example_roster,
    )
    from cec_rules.fees import (
        ApplicationAssessment as ApplicationAssessment,
        AssessmentStatus as AssessmentStatus,
        FeeKind as FeeKind,
        FeeLine as FeeLine,
        OfferingAssessment as OfferingAssessment,
        assess_application as assess_application,
        calendar_listing_shown as calendar_listing_shown,
    )
    from cec_rules.history import (
        HistoryProblem as HistoryProblem,
        PastCases as PastCases,
        read_history as read_history,
    )
    from cec_rules.lifecycle import (
        ApplicationStatus as ApplicationStatus,
        Event as Event,
        EventKind as EventKind,
        History as History,
        RosterState as RosterState,
        RosterStatus as RosterStatus,
        fold as fold,
    )
    from cec_rules.policy import (
        DEFAULT_POLICY as DEFAULT_POLICY,
        NameMismatch as NameMismatch,
        Policy as Policy,
        PolicySchedule as PolicySchedule,
        PolicyVersion as PolicyVersion,
        default_schedule as default_schedule,
        load_toml as load_toml,
        policy_from_toml as policy_from_toml,
        schedule_from_toml as schedule_from_toml,
    )
    from cec_rules.program import (
        Application as Application,
        Offering as Offering,
        Program as Program,
        ProgramFormat as ProgramFormat,
    )
    from cec_rules.roster import (
        FINDING_CODES as FINDING_CODES,
        AcceptedAttendee as AcceptedAttendee,
        Attendees as Attendees,
        EntryOutcome as EntryOutcome,
        Finding as Finding,
        RefusedRow as RefusedRow,
        RefusedRows as RefusedRows,
        RosterDraft as RosterDraft,
        RosterReport as RosterReport,
        Severity as Severity,
        check_roster as check_roster,
    )
    from cec_rules.sqlite_repository import (
        SqliteRepository as SqliteRepository,
    )


def _exports() -> dict[str, str]:
    """Each public name and the module it lives in, read from the block above."""
    import ast

    with open(__file__, encoding="utf-8") as source:
        tree = ast.parse(source.read())
    block = next(
        node
        for node in tree.body
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING"
    )
    return {
        alias.name: node.module
        for node in block.body
        if isinstance(node, ast.ImportFrom) and node.module is not None
        for alias in node.names
    }


_EXPORTS: dict[str, str] = {}


def __getattr__(name: str) -> Any:
    """Import a public name from its module on first use (PEP 562)."""
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("cec-rules")
        except PackageNotFoundError:  # pragma: no cover - only in an uninstalled tree
            return "0+unknown"
    if not _EXPORTS:
        _EXPORTS.update(_exports())
    if name == "__all__":
        value: Any = sorted([*_EXPORTS, "__version__"])
    elif name in _EXPORTS:
        value = getattr(importlib.import_module(_EXPORTS[name]), name)
    else:
        raise AttributeError(f"module 'cec_rules' has no attribute {name!r}")
    globals()[name] = value  # later lookups find it without calling this function
    return value


def __dir__() -> list[str]:
    """List the public names too, before they are first read."""
    return sorted({*globals(), *__getattr__("__all__")})
