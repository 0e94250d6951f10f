"""Exact money and credit values (`money-decimal`, `money-rounding`, `cec-amount`).

Amounts are :class:`decimal.Decimal` in US dollars.  A ``float`` is refused
with :class:`~cec_rules.errors.RefusedFloat` (a ``TypeError``) wherever a
value enters the library; NaN, infinities and numbers of more than 28 digits
written out in full (:data:`MAX_DIGITS`) are refused too.  Fee lines are
rounded once, to cents, with the policy's rounding mode.
"""

from __future__ import annotations

import decimal
import functools
from collections.abc import Callable, Iterable
from decimal import Decimal

from cec_rules.errors import InvalidAmount, InvalidCredits, RefusedFloat

__all__ = [
    "CENT",
    "ZERO",
    "format_money",
    "line_amount",
    "subtract_money",
    "sum_money",
    "to_decimal",
]

CENT = Decimal("0.01")
ZERO = Decimal("0.00")

# The library's own decimal contexts, so that no result depends on the caller's
# (a notebook's low precision, a trapped rounding).  _MONEY is Python's default
# context, whose 28 digits bound an amount in cents; _EXACT multiplies two values
# exactly (the product has at most the digits of both), so a fee line is rounded
# once, by quantize, and never first to the context's precision.
_MONEY = decimal.Context(
    prec=28,
    rounding=decimal.ROUND_HALF_EVEN,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)
_EXACT = decimal.Context(
    prec=decimal.MAX_PREC,
    Emax=decimal.MAX_EMAX,
    Emin=decimal.MIN_EMIN,
    traps=[decimal.InvalidOperation],
)

# Sums and differences of money: exact or refused.  Inexact is trapped, so a total whose
# digits the 28 of the context cannot hold is never rounded (`money-rounding` rounds each
# fee line once, and nothing else).
_TOTAL = decimal.Context(
    prec=28,
    rounding=decimal.ROUND_HALF_EVEN,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Inexact],
)

# Where a number may stand: check_credits takes the remainder of a count by the step here,
# with the exponent range of _EXACT, so that the remainder of 1E-999999999 is itself
# and not zero (in _MONEY it underflows, and the count would pass as a multiple of the step).
_STEP = decimal.Context(
    prec=28,
    Emax=decimal.MAX_EMAX,
    Emin=decimal.MIN_EMIN,
    traps=[decimal.InvalidOperation],
)

#: The most digits a number may have where it enters the library, written out in full
#: (without an exponent): the 28 digits of the money context, so that every amount, price
#: and count is held, compared and added exactly.  ``1E-999999999`` has a billion.
MAX_DIGITS = 28
#: The reason a number of more than :data:`MAX_DIGITS` digits is refused.
TOO_MANY_DIGITS = (
    f"it has more than {MAX_DIGITS} digits written out in full; "
    f"write it with at most {MAX_DIGITS} digits"
)

#: The rounding modes a policy may name, by their ``decimal`` constant names.
ROUNDING_MODES = frozenset(
    {
        decimal.ROUND_HALF_UP,
        decimal.ROUND_HALF_EVEN,
        decimal.ROUND_HALF_DOWN,
        decimal.ROUND_UP,
        decimal.ROUND_DOWN,
        decimal.ROUND_CEILING,
        decimal.ROUND_FLOOR,
        decimal.ROUND_05UP,
    }
)


def to_decimal(value: object, *, field: str) -> Decimal:
    """Return ``value`` as a finite ``Decimal``, or refuse it.

    Accepts a ``Decimal``, an ``int`` or a string such as ``"50.00"``.  A
    ``float`` raises :class:`RefusedFloat`; a ``bool``, another type, text that
    is not a number, NaN or an infinity raises :class:`InvalidAmount`.

    >>> to_decimal("12.50", field="fee")
    Decimal('12.50')
    """
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, float):
        raise RefusedFloat.for_field(field, value)
    elif isinstance(value, bool) or not isinstance(value, (int, str)):
        raise InvalidAmount.because(
            field,
            value,
            f"expected a Decimal, an int or a numeric string, not {type(value).__name__}",
        )
    else:
        text = value.strip() if isinstance(value, str) else value
        if isinstance(text, str) and ("_" in text or not text.isascii()):
            # Decimal reads "2_0" as 20 and other scripts' digits as 0-9: neither is
            # how an amount is written, and a stray underscore would multiply a fee.
            raise InvalidAmount.because(
                field, value, "write it with the digits 0-9 and a point, with no separators"
            )
        try:
            result = Decimal(text, _MONEY)
        except decimal.InvalidOperation:
            raise InvalidAmount.because(field, value, "it is not a number") from None
    if not result.is_finite():
        raise InvalidAmount.because(field, value, "it must be a finite number")
    if digits_in_full(result) > MAX_DIGITS:
        raise InvalidAmount.because(field, value, TOO_MANY_DIGITS)
    return result


def digits_in_full(number: Decimal) -> int:
    """Return how many digits ``number`` has written out without an exponent, counting
    those before and after the point (leading zeros before the point aside).

    Read from the exponent, never by writing the number out: ``1E-999999999`` is counted
    at once.

    >>> [digits_in_full(Decimal(text)) for text in ("1500.25", "1E+3", "0.001")]
    [6, 4, 3]
    """
    _, digits, exponent = number.as_tuple()
    places = int(exponent)
    return max(len(digits) + places, 0) + max(-places, 0)


def to_money(value: object, *, field: str) -> Decimal:
    """Return ``value`` as a non-negative amount (any precision), or refuse it."""
    result = to_decimal(value, field=field)
    if result < 0:
        raise InvalidAmount.because(field, value, "an amount may not be negative")
    return result


def to_credits(value: object) -> Decimal:
    """Return ``value`` as a positive number of CECs, or refuse it (`cec-amount`).

    The policy's increment and maximum are checked by :func:`check_credits`.
    """
    try:
        result = to_decimal(value, field="cecs")
    except InvalidAmount as error:
        raise InvalidCredits.because(value, error.reason) from None
    if result <= 0:
        raise InvalidCredits.because(value, "a program must carry a positive number of CECs")
    return result


def check_credits(cecs: Decimal, *, increment: Decimal, maximum: Decimal) -> None:
    """Refuse ``cecs`` unless it is a multiple of ``increment`` no larger than ``maximum``."""
    # The maximum is checked first: the remainder of a huge count cannot be computed at the
    # context's precision (decimal.InvalidOperation), and such a count is over it anyway.
    if cecs > maximum:
        raise InvalidCredits.because(cecs, f"an offering carries at most {maximum} CECs")
    try:
        remainder = _STEP.remainder(cecs, increment)
    except decimal.InvalidOperation:
        raise InvalidCredits.because(
            cecs, f"it has too many digits to be checked against the step of {increment}"
        ) from None
    if remainder != 0:
        raise InvalidCredits.because(
            cecs, f"CECs come in steps of {increment}; use a multiple such as {increment * 4}"
        )


def line_amount(unit_price: Decimal, quantity: Decimal, rounding: str) -> Decimal:
    """Return ``unit_price x quantity`` rounded once to cents (`money-rounding`).

    The product is exact, whatever its digits and the caller's decimal context.
    One with more than 28 digits in cents (a policy charging 1E+30 dollars)
    raises :class:`InvalidAmount` rather than lose its cents.
    """
    product = _EXACT.multiply(unit_price, quantity)
    try:
        return product.quantize(CENT, rounding=rounding, context=_MONEY)
    except decimal.InvalidOperation:
        raise InvalidAmount.because(
            "fee line", product, "it has too many digits to be computed in cents"
        ) from None


def check_cents(amount: Decimal, *, field: str, value: object) -> None:
    """Refuse ``amount`` (read from ``value``) when it has more digits in cents than
    sums of money hold (28): ``1E+999999999`` is no amount a ledger can add up."""
    try:
        amount.quantize(CENT, context=_MONEY)
    except decimal.InvalidOperation:
        raise InvalidAmount.because(
            field, value, "it has too many digits to be counted in cents"
        ) from None


def sum_money(amounts: Iterable[Decimal]) -> Decimal:
    """Return the sum of ``amounts`` (``0.00`` for none) in the library's own decimal
    context, never the caller's (`money-rounding`: totals are sums of rounded lines).

    The sum is exact: one with more than 28 digits in cents raises
    :class:`InvalidAmount` rather than lose its cents.
    """
    terms = tuple(amounts)
    return _exact(lambda: functools.reduce(_TOTAL.add, terms, ZERO), " + ".join(map(str, terms)))


def subtract_money(amount: Decimal, less: Decimal) -> Decimal:
    """Return ``amount - less`` in the library's own decimal context, exactly or refused
    with :class:`InvalidAmount` (as :func:`sum_money`)."""
    return _exact(lambda: _TOTAL.subtract(amount, less), f"{amount} - {less}")


def _exact(compute: Callable[[], Decimal], expression: str) -> Decimal:
    """The result of ``compute``, which must be exact and fit in 28 digits in cents."""
    try:
        result = compute()
        result.quantize(CENT, context=_MONEY)
    except (decimal.Inexact, decimal.InvalidOperation):
        raise InvalidAmount.because(
            "total", expression, "it has too many digits to be counted in cents"
        ) from None
    return result


def format_money(amount: Decimal) -> str:
    """Render an amount as dollars with cents and thousands separators.

    An amount finer than cents (a policy's unit price such as ``33.333``) is shown
    exactly, never rounded for display.

    >>> format_money(Decimal("1234.5")), format_money(Decimal("33.333"))
    ('$1,234.50', '$33.333')
    """
    shown = _cents(amount)
    if shown != amount:
        shown = amount
    return f"${shown:,}"


def format_change(amount: Decimal) -> str:
    """Render a change in money with its sign: ``+$30.00``, ``-$4,000.00``, ``±$0.00``.

    >>> format_change(Decimal("-4000"))
    '-$4,000.00'
    """
    sign = "+" if amount > 0 else "-" if amount < 0 else "±"
    return f"{sign}{format_money(abs(amount))}"


def money_str(amount: Decimal) -> str:
    """Render an amount as the JSON string form, always with cents: ``"50.00"``."""
    return str(_cents(amount))


def _cents(amount: Decimal) -> Decimal:
    """``amount`` to cents, or as it is when its cents have more digits than the context
    holds (an event's amount of 1E+30): shown exactly rather than raising."""
    try:
        return amount.quantize(CENT, context=_MONEY)
    except decimal.InvalidOperation:
        return amount
