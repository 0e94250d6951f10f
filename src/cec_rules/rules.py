"""The rule catalogue: every rule id of the rule book, paraphrased, with its source.

Results cite these ids (``assessment.rules``, ``finding.rule``); this table
says what each one means in the project's own words and where it comes from.
``docs/rules.md`` is generated from it together with the places in the code
and the tests that cite each id (``python scripts/rules_catalogue.py``), and a
test fails when the two drift apart.

>>> RULE_BOOK["late-surcharge"].source
'AAST CEC Program page, section Late Fees'
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

__all__ = ["RULE_BOOK", "Rule"]

_PAGE = "AAST CEC Program page, section "
_OWN = "cec_rules decision (rule book section {})"


@attrs.frozen
class Rule:
    """One rule: its id, a paraphrase in the project's words, and its source."""

    id: str
    summary: str
    source: str


_RULES = (
    Rule(
        "money-decimal",
        "Amounts are exact decimal dollars in cents; floats, NaN, infinities and numbers of "
        "more than 28 digits are refused, and amounts travel as text.",
        _OWN.format(2),
    ),
    Rule(
        "money-rounding",
        "A fee line is the unit price times the quantity, rounded once to cents (half up by "
        "default); a total adds rounded lines.",
        _OWN.format(2),
    ),
    Rule(
        "cec-amount",
        "Credits per attendee are positive, come in the policy's steps (0.25) and stay at or "
        "under its maximum (100).",
        _PAGE + "Application Fees, with a cec_rules decision on the step and maximum",
    ),
    Rule(
        "offering-count",
        "Every dated offering is applied for; each offering listed is assessed and charged by "
        "itself unless the policy charges once per application.",
        _PAGE + "Application Fees",
    ),
    Rule(
        "application-fee",
        "Approval costs a fixed rate per CEC for every offering charged.",
        _PAGE + "Application Fees",
    ),
    Rule(
        "late-surcharge",
        "An offering that starts within the late window (30 days or fewer after submission, "
        "the start day included) pays an extra rate per CEC.",
        _PAGE + "Late Fees",
    ),
    Rule(
        "past-program",
        "An offering that started before submission is neither reviewed nor charged; when "
        "all are past the application is refused with nothing due.",
        _PAGE + "Late Fees",
    ),
    Rule(
        "non-refundable",
        "Application fees are kept whatever happens: withdrawal and denial refund nothing.",
        _PAGE + "Application Fees",
    ),
    Rule(
        "calendar-listing",
        "A provider may ask, at no cost, to list the program on the CEC calendar; it shows "
        "only once approved and while not past.",
        _PAGE + "AAST CEC Calendar",
    ),
    Rule(
        "promotion",
        "A sale price is a policy version with start and end dates, not special code.",
        _PAGE + "site banner announcing the $10 CEC sale",
    ),
    Rule(
        "submission-date",
        "Deadlines count dates in the association's zone (America/Chicago); aware datetimes "
        "are converted and naive ones refused.",
        _OWN.format(4),
    ),
    Rule(
        "calendar-days",
        "Days are calendar days: weekends and holidays count and deadlines never move.",
        _PAGE + "Late Fees",
    ),
    Rule(
        "approval-first",
        "Attendance is reported only for a program the association has approved.",
        _PAGE + "Attendance Reporting & Filing Fees",
    ),
    Rule(
        "reporting-window",
        "A roster is due from the day the offering ends through 45 days later; late rows are "
        "refused and a staff extension moves the last day.",
        _PAGE + "Attendance Reporting & Filing Fees, with a cec_rules decision on 'held'",
    ),
    Rule(
        "self-paced-window",
        "For self-paced programs the 45 days run from each attendee's completion date.",
        _OWN.format(5),
    ),
    Rule(
        "roster-fields",
        "A roster row has exactly the five fields, none of them blank.",
        _PAGE + "Attendance Reporting & Filing Fees (the Student List)",
    ),
    Rule(
        "program-id-match",
        "Each row names the Program ID of the offering being reported, in any case.",
        _PAGE + "Attendance Reporting & Filing Fees",
    ),
    Rule(
        "aast-id-format",
        "An AAST ID is text of 1 to 20 letters, digits and hyphens (the policy's set of "
        "characters and length range); numbers a spreadsheet made of it are refused with a "
        "hint.",
        _PAGE + "Educational Providers, with a cec_rules decision on the characters and length",
    ),
    Rule(
        "account-exists",
        "Every attendee claiming credits holds an AAST member or guest account.",
        _PAGE + "Educational Providers",
    ),
    Rule(
        "name-fields",
        "Names are kept as written but cleaned (NFC, spacing, invisible marks); they need a "
        "letter, no control characters, no formula start, and a bounded length.",
        _OWN.format(5),
    ),
    Rule(
        "name-match",
        "Row names are compared with the account's loosely; a real difference warns and "
        "changes neither name.",
        _OWN.format(5),
    ),
    Rule(
        "completion-date",
        "A completion date is YYYY-MM-DD or M/D/YYYY, inside the offering and not after the "
        "report; anything else is refused, never guessed, and a file that shows it writes "
        "the day first has no date read month first.",
        _OWN.format(5),
    ),
    Rule(
        "one-claim",
        "An attendee counts once per offering: later rows and later rosters repeating them "
        "are refused.",
        _OWN.format(5),
    ),
    Rule(
        "row-conservation",
        "Every data row ends up exactly once in the report; an unreadable file is refused "
        "whole, with the reason.",
        _OWN.format(5),
    ),
    Rule(
        "row-numbers",
        "Rows are numbered as a spreadsheet shows them: the header is 1, line breaks inside "
        "quotes do not shift later rows.",
        _OWN.format(5),
    ),
    Rule(
        "roster-file",
        "A roster arrives as CSV text, a workbook or records, in a known encoding, within "
        "row, column, cell and line limits; a file that cannot be read so is refused whole, "
        "saying why.",
        _OWN.format(5),
    ),
    Rule(
        "filing-fee",
        "Each accepted attendee costs a filing fee by account kind ($5 member, $10 guest); "
        "refused rows cost nothing.",
        _PAGE + "Attendance Reporting & Filing Fees; later page notice of 2021-09-01",
    ),
    Rule(
        "fee-before-credit",
        "Credits are issued only after the roster's filing fee is paid in full.",
        _PAGE + "Attendance Reporting & Filing Fees",
    ),
    Rule(
        "policy-version",
        "Every figure lives in an immutable, dated policy version; the version in force on the "
        "submission or report date applies.",
        _OWN.format(6),
    ),
)

#: Every rule id of the rule book, in the book's order.
RULE_BOOK: Mapping[str, Rule] = {rule.id: rule for rule in _RULES}
