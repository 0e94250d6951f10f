"""Exact arithmetic on CEC steps and maxima (for :mod:`cec_rules.search`).

Steps are Decimals of any exponent (0.25, 0.33, 1E+1): they are scaled to
whole numbers so that common multiples are exact, whatever the decimal
context's precision.
"""

from __future__ import annotations

import math
from decimal import Decimal


def scaled(number: Decimal, places: int) -> int:
    """``number`` times ``10 ** places``, exactly, as an int; :class:`ValueError` when
    that is not whole (the number has more than ``places`` digits after the point that
    are not zeros)."""
    sign, digits, exponent = number.as_tuple()
    assert isinstance(exponent, int)
    coefficient = int("".join(map(str, digits)))
    shift = exponent + places
    power: int = 10 ** abs(shift)
    if shift >= 0:
        value = coefficient * power
    else:
        value, rest = divmod(coefficient, power)
        if rest:
            raise ValueError(f"{number} has more than {places} decimal place(s)")
    return -value if sign else value


def decimal_places(*numbers: Decimal) -> int:
    """The most digits after the point among ``numbers`` (none for whole ones)."""
    exponents = [n.as_tuple().exponent for n in numbers]
    return max(0, *(-e for e in exponents if isinstance(e, int)))


def unscaled(value: int, places: int) -> Decimal:
    """``value / 10 ** places`` (``value`` not negative) as an exact Decimal, written
    plainly (``2``, ``8.25``): built from its digits, so no context rounds it."""
    number = Decimal((0, tuple(map(int, str(value))), -places))
    return number.quantize(Decimal(1)) if number == number.to_integral_value() else number


def common_step(*steps: Decimal) -> Decimal:
    """The smallest amount that is a multiple of every step."""
    places = decimal_places(*steps)
    return unscaled(math.lcm(*(scaled(s, places) for s in steps)), places)


def is_multiple(amount: Decimal, step: Decimal) -> bool:
    """Whether ``amount`` is a whole number of ``step``."""
    places = decimal_places(amount, step)
    return scaled(amount, places) % scaled(step, places) == 0


def multiple_above(value: Decimal, step: Decimal) -> Decimal:
    """The smallest multiple of ``step`` greater than ``value``."""
    places = decimal_places(value, step)
    whole, unit = scaled(value, places), scaled(step, places)
    return unscaled((whole // unit + 1) * unit, places)


def largest_multiple(value: Decimal, step: Decimal) -> Decimal:
    """The largest multiple of ``step`` not above ``value``."""
    places = decimal_places(value, step)
    whole, unit = scaled(value, places), scaled(step, places)
    return unscaled(whole // unit * unit, places)


def doubling_amounts(step: Decimal, top: Decimal) -> list[Decimal]:
    """One step, two, four, ... up to ``top``, and the largest multiple of the step not
    above it: a fee difference smaller than a cent per step shows at some of them."""
    places = decimal_places(step, top)
    unit, most = scaled(step, places), scaled(top, places)
    powers = [2**n for n in range(40) if 2**n * unit <= most]
    return [unscaled(c * unit, places) for c in dict.fromkeys([*powers, most // unit])]
