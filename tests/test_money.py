"""Tests for cec_rules.money: exact amounts, credits and rounding."""

from __future__ import annotations

import decimal
from contextlib import AbstractContextManager
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

from cec_rules.compare import compare_policies
from cec_rules.errors import InvalidAmount, InvalidCredits, RefusedFloat
from cec_rules.fees import assess_application
from cec_rules.lifecycle import Event, fold
from cec_rules.money import (
    CENT,
    ROUNDING_MODES,
    ZERO,
    check_credits,
    digits_in_full,
    format_change,
    format_money,
    line_amount,
    money_str,
    subtract_money,
    sum_money,
    to_credits,
    to_decimal,
    to_money,
)
from cec_rules.policy import DEFAULT_POLICY, Policy
from cec_rules.program import Application, Offering, Program

QUARTER = Decimal("0.25")
HUNDRED = Decimal("100")


class TestConstants:
    """The module's constants are exact cents."""

    def test_cent_and_zero(self) -> None:
        """CENT is 0.01 and ZERO prints with cents."""
        expected = ("0.01", "0.00")
        assert expected == (str(CENT), str(ZERO))

    def test_rounding_modes_are_the_decimal_modes(self) -> None:
        """Every decimal rounding constant is accepted, and nothing else."""
        names = {name for name in dir(decimal) if name.startswith("ROUND_")}
        assert names == set(ROUNDING_MODES)


class TestFloatTrap:
    """The suite traps floats in Decimal arithmetic (tests/conftest.py)."""

    def test_float_into_decimal_fails(self) -> None:
        """Building a Decimal from a float raises FloatOperation in every test."""
        value = 0.5  # a float arriving from a caller
        with pytest.raises(decimal.FloatOperation):
            Decimal(value)

    def test_float_comparison_fails(self) -> None:
        """Ordering a Decimal against a float raises FloatOperation in every test."""
        with pytest.raises(decimal.FloatOperation):
            _ = Decimal("0.5") < 0.75


class TestToDecimal:
    """to_decimal accepts Decimal, int and numeric text; refuses everything else."""

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            pytest.param(Decimal("12.50"), Decimal("12.50"), id="decimal"),
            pytest.param(7, Decimal("7"), id="int"),
            pytest.param("50.00", Decimal("50.00"), id="text"),
            pytest.param("  0.25 ", Decimal("0.25"), id="text-trimmed"),
            pytest.param("-3", Decimal("-3"), id="negative-text"),
            pytest.param("\u00a050.00\u00a0", Decimal("50.00"), id="no-break-spaces-trimmed"),
        ],
    )
    def test_accepted(self, value: object, expected: Decimal) -> None:
        """Accepted values convert exactly, keeping their digits."""
        actual = to_decimal(value, field="fee")
        assert (expected, str(expected)) == (actual, str(actual))

    @pytest.mark.parametrize("value", [2.5, 0.1, float("nan"), float("inf")], ids=str)
    def test_float_refused(self, value: float) -> None:
        """A float, even NaN or infinity, is refused as a TypeError naming the field."""
        with pytest.raises(RefusedFloat) as caught:
            to_decimal(value, field="fee")
        assert isinstance(caught.value, TypeError)
        expected = "fee"
        assert expected == caught.value.field
        assert str(caught.value).startswith("fee must be a Decimal")

    @pytest.mark.parametrize(
        ("value", "reason"),
        [
            pytest.param(
                True, "expected a Decimal, an int or a numeric string, not bool", id="bool"
            ),
            pytest.param(None, "not NoneType", id="none"),
            pytest.param([1], "not list", id="list"),
            pytest.param("abc", "it is not a number", id="text"),
            pytest.param("", "it is not a number", id="empty"),
            pytest.param("2_0", "write it with the digits 0-9", id="underscore"),
            pytest.param("1_000.00", "write it with the digits 0-9", id="underscore-thousands"),
            pytest.param("١", "write it with the digits 0-9", id="arabic-indic-digit"),
            pytest.param("５0", "write it with the digits 0-9", id="full-width-digit"),
            pytest.param("NaN", "it must be a finite number", id="nan-text"),
            pytest.param("-Infinity", "it must be a finite number", id="infinity-text"),
            pytest.param(Decimal("NaN"), "it must be a finite number", id="nan-decimal"),
            pytest.param(Decimal("sNaN"), "it must be a finite number", id="snan-decimal"),
            pytest.param(Decimal("Infinity"), "it must be a finite number", id="inf-decimal"),
        ],
    )
    def test_refused(self, value: object, reason: str) -> None:
        """Other types, non-numbers and non-finite values are InvalidAmount (a ValueError)."""
        with pytest.raises(InvalidAmount) as caught:
            to_decimal(value, field="fee")
        assert isinstance(caught.value, ValueError)
        expected = ("fee", "money-decimal")
        assert expected == (caught.value.field, caught.value.rule)
        assert reason in caught.value.reason

    def test_wrong_type_keeps_the_value(self) -> None:
        """A list given as an amount is kept on the error, with the field."""
        value = [1]
        with pytest.raises(InvalidAmount) as caught:
            to_decimal(value, field="fee")
        assert ("fee", value) == (caught.value.field, caught.value.value)

    @pytest.mark.parametrize(
        ("value", "reason"),
        [
            pytest.param("abc", "it is not a number", id="not-a-number"),
            pytest.param("NaN", "it must be a finite number", id="nan"),
            pytest.param("-Infinity", "it must be a finite number", id="infinity"),
        ],
    )
    def test_text_refusals_keep_value_and_reason(self, value: str, reason: str) -> None:
        """Text that is no finite number is kept on the error with the reason."""
        with pytest.raises(InvalidAmount) as caught:
            to_decimal(value, field="fee")
        expected = (value, reason, f"fee {value!r} is refused: {reason}")
        assert expected == (caught.value.value, caught.value.reason, str(caught.value))


TOO_MANY_DIGITS = "it has more than 28 digits written out in full; write it with at most 28 digits"

#: The bound on digits where a number enters (`money-decimal`): the largest accepted and
#: the smallest refused, in whole digits, places, trailing zeros and exponents.
DIGIT_BOUNDS = [
    pytest.param("9" * 28, True, id="28-whole-digits"),
    pytest.param("9" * 29, False, id="29-whole-digits"),
    pytest.param(10**27, True, id="int-28-digits"),
    pytest.param(10**28, False, id="int-29-digits"),
    pytest.param("0." + "0" * 27 + "1", True, id="28-places"),
    pytest.param("0." + "0" * 28 + "1", False, id="29-places"),
    pytest.param("1." + "0" * 27, True, id="28-digits-with-trailing-zeros"),
    pytest.param("1." + "0" * 28, False, id="29-digits-with-trailing-zeros"),
    pytest.param("1E+27", True, id="exponent-27"),
    pytest.param("1E+28", False, id="exponent-28"),
    pytest.param("1E-28", True, id="exponent-minus-28"),
    pytest.param("1E-29", False, id="exponent-minus-29"),
    pytest.param("0E-28", True, id="zero-28-places"),
    pytest.param("0E-29", False, id="zero-29-places"),
    pytest.param("1E-999999999", False, id="exponent-minus-a-billion"),
    pytest.param("1E+999999999", False, id="exponent-a-billion"),
    pytest.param(Decimal("1E-999999999"), False, id="decimal-exponent-minus-a-billion"),
]


class TestDigitBound:
    """Every number entering the library has at most 28 digits written out in full, so it
    is held exactly; more is refused with InvalidAmount, never rounded or underflowed."""

    @pytest.mark.parametrize(("value", "held"), DIGIT_BOUNDS)
    def test_to_decimal(self, value: object, held: bool) -> None:
        """Up to 28 digits are kept exactly; 29 or more are refused, naming the value."""
        if held:
            actual = to_decimal(value, field="fee")
            assert (Decimal(value), str(Decimal(value))) == (actual, str(actual))  # type: ignore[arg-type]
            return
        with pytest.raises(InvalidAmount) as caught:
            to_decimal(value, field="fee")
        expected = ("fee", value, TOO_MANY_DIGITS)
        assert expected == (caught.value.field, caught.value.value, caught.value.reason)

    @pytest.mark.parametrize(("value", "held"), DIGIT_BOUNDS)
    def test_to_credits(self, value: object, held: bool) -> None:
        """A count of CECs has the same bound, refused as InvalidCredits (`cec-amount`)."""
        if held and Decimal(value) > 0:  # type: ignore[arg-type]
            assert Decimal(value) == to_credits(value)  # type: ignore[arg-type]
            return
        if held:
            return  # zero: refused as not positive (TestToCredits)
        with pytest.raises(InvalidCredits) as caught:
            to_credits(value)
        assert (value, f"CECs {value!s} are refused: {TOO_MANY_DIGITS}") == (
            caught.value.value,
            str(caught.value),
        )

    def test_program_of_a_billionth_of_a_billionth_cec(self) -> None:
        """A program carrying 1E-999999999 CECs is refused when it is made: no quote of
        $0.00 for a count that is no multiple of the step (`cec-amount`)."""
        with pytest.raises(InvalidCredits) as caught:
            Program(title="Sleep", cecs="1E-999999999")
        assert f"CECs 1E-999999999 are refused: {TOO_MANY_DIGITS}" == str(caught.value)

    @pytest.mark.parametrize(
        ("number", "expected"),
        [
            pytest.param("1500.25", 6, id="whole-and-places"),
            pytest.param("1E+3", 4, id="exponent"),
            pytest.param("0.001", 3, id="leading-zeros-after-the-point"),
            pytest.param("0", 1, id="zero"),
            pytest.param("0.00", 2, id="zero-cents"),
            pytest.param("-12.5", 3, id="negative"),
            pytest.param("1E-999999999", 999999999, id="a-billion-places"),
        ],
    )
    def test_digits_in_full(self, number: str, expected: int) -> None:
        """Digits are counted from the exponent, as the number is written without one."""
        assert expected == digits_in_full(Decimal(number))


class TestToDecimalWording:
    """The refusals of to_decimal word for word, whatever the caller's decimal context."""

    def test_separator(self) -> None:
        """An underscore is refused with what to write instead, keeping the value."""
        with pytest.raises(InvalidAmount) as caught:
            to_decimal("2_0", field="cecs")
        expected = ("2_0", "write it with the digits 0-9 and a point, with no separators")
        assert expected == (caught.value.value, caught.value.reason)

    def test_not_a_number_without_traps(self) -> None:
        """A caller's context that does not trap invalid operations (where Decimal("abc")
        is NaN) still gets "not a number"."""
        with decimal.localcontext() as context:
            context.traps[decimal.InvalidOperation] = False
            with pytest.raises(InvalidAmount) as caught:
                to_decimal("abc", field="fee")
        assert "it is not a number" == caught.value.reason

    def test_cents_shown_under_a_low_precision(self) -> None:
        """money_str gives cents under a caller's 3-digit context too."""
        with decimal.localcontext() as context:
            context.prec = 3
            shown = money_str(Decimal("4987.5"))
        assert "4987.50" == shown


class TestToMoney:
    """to_money refuses negative amounts."""

    def test_non_negative(self) -> None:
        """Zero and positive amounts pass, keeping their digits."""
        assert (Decimal("0"), Decimal("5.125")) == (
            to_money("0", field="fee"),
            to_money("5.125", field="fee"),
        )

    def test_negative_refused(self) -> None:
        """A negative amount is InvalidAmount naming the value."""
        with pytest.raises(InvalidAmount) as caught:
            to_money("-0.01", field="fee")
        expected = ("-0.01", "an amount may not be negative")
        assert expected == (
            caught.value.value,
            caught.value.reason,
        )

    def test_float_refused(self) -> None:
        """A float is refused before any comparison."""
        with pytest.raises(RefusedFloat):
            to_money(1.0, field="fee")

    def test_negative_amount_names_its_field(self) -> None:
        """A negative amount names the field, in the attribute and the message."""
        with pytest.raises(InvalidAmount) as caught:
            to_money("-1", field="unit_price")
        expected = ("unit_price", "unit_price '-1' is refused: an amount may not be negative")
        assert expected == (caught.value.field, str(caught.value))

    def test_non_number_names_its_field(self) -> None:
        """to_money passes its field name on to the parsing step."""
        with pytest.raises(InvalidAmount) as caught:
            to_money("abc", field="surcharge")
        assert "surcharge" == caught.value.field


class TestToCredits:
    """to_credits returns a positive Decimal or refuses with InvalidCredits."""

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            pytest.param("2.5", Decimal("2.5"), id="text"),
            pytest.param(3, Decimal("3"), id="int"),
            pytest.param(Decimal("0.25"), Decimal("0.25"), id="decimal"),
        ],
    )
    def test_accepted(self, value: object, expected: Decimal) -> None:
        """Positive numbers convert exactly."""
        assert expected == to_credits(value)

    @pytest.mark.parametrize(
        ("value", "fragment"),
        [
            pytest.param("0", "a positive number of CECs", id="zero"),
            pytest.param("-1", "a positive number of CECs", id="negative"),
            pytest.param("-0", "a positive number of CECs", id="negative-zero"),
            pytest.param("two", "it is not a number", id="text"),
            pytest.param("NaN", "it must be a finite number", id="nan"),
            pytest.param("Infinity", "it must be a finite number", id="infinity"),
            pytest.param(True, "not bool", id="bool"),
        ],
    )
    def test_refused(self, value: object, fragment: str) -> None:
        """Zero, negatives, non-numbers and bools are InvalidCredits naming the value."""
        with pytest.raises(InvalidCredits) as caught:
            to_credits(value)
        assert (value, "cec-amount") == (caught.value.value, caught.value.rule)
        assert fragment in str(caught.value)

    def test_float_refused_as_type_error(self) -> None:
        """A float number of CECs is a RefusedFloat (TypeError), not a ValueError."""
        with pytest.raises(RefusedFloat) as caught:
            to_credits(2.5)
        expected = ("cecs", 2.5)
        assert expected == (caught.value.field, caught.value.value)


class TestCheckCredits:
    """check_credits enforces the increment and maximum (`cec-amount`)."""

    @pytest.mark.parametrize(
        "cecs", ["0.25", "0.5", "1", "99.75", "100", "2.50"], ids=lambda v: f"cecs={v}"
    )
    def test_accepted(self, cecs: str) -> None:
        """Multiples of 0.25 up to 100 pass and return None."""
        check_credits(Decimal(cecs), increment=QUARTER, maximum=HUNDRED)  # does not raise
        assert Decimal(0) == Decimal(cecs) % QUARTER

    @pytest.mark.parametrize(
        ("cecs", "fragment"),
        [
            pytest.param("0.3", "CECs 0.3 are refused: CECs come in steps of 0.25", id="0.3"),
            pytest.param("1.1", "use a multiple such as 1.00", id="1.1"),
            pytest.param("0.125", "steps of 0.25", id="0.125"),
            pytest.param("100.25", "an offering carries at most 100 CECs", id="100.25"),
            pytest.param("101", "CECs 101 are refused: an offering carries at most 100", id="101"),
            pytest.param("1e30", "at most 100 CECs", id="huge"),
            pytest.param(
                "1E-999999999",
                "CECs 1E-999999999 are refused: CECs come in steps of 0.25",
                id="tiny-below-the-money-context",
            ),
            pytest.param("1E-28", "CECs 1E-28 are refused: CECs come in steps of 0.25", id="1E-28"),
        ],
    )
    def test_refused(self, cecs: str, fragment: str) -> None:
        """Off-step or over-maximum counts are InvalidCredits naming the value."""
        with pytest.raises(InvalidCredits) as caught:
            check_credits(Decimal(cecs), increment=QUARTER, maximum=HUNDRED)
        assert Decimal(cecs) == caught.value.value
        assert fragment in str(caught.value)

    def test_too_many_digits_for_the_context(self) -> None:
        """A count whose remainder overflows the context is refused, not an ArithmeticError."""
        with pytest.raises(InvalidCredits) as caught:
            check_credits(Decimal("1e30"), increment=QUARTER, maximum=Decimal("1e40"))
        assert "too many digits to be checked against the step of 0.25" in str(caught.value)

    def test_too_many_digits_keeps_the_count(self) -> None:
        """A count too long to divide by the step is kept on the error, and named."""
        cecs = Decimal("1e39")
        with pytest.raises(InvalidCredits) as caught:
            check_credits(cecs, increment=Decimal("0.25"), maximum=Decimal("1e40"))
        expected = (
            "CECs 1E+39 are refused: it has too many digits to be checked against the step of 0.25"
        )
        assert (cecs, expected) == (caught.value.value, str(caught.value))


class TestLineAmount:
    """line_amount multiplies and rounds once to cents (`money-rounding`)."""

    @pytest.mark.parametrize(
        ("price", "quantity", "rounding", "expected"),
        [
            pytest.param("50.00", "2", "ROUND_HALF_UP", "100.00", id="whole"),
            pytest.param("33.333", "0.25", "ROUND_HALF_UP", "8.33", id="33.333x0.25"),
            pytest.param("10.01", "0.5", "ROUND_HALF_UP", "5.01", id="half-cent-up"),
            pytest.param("10.01", "0.5", "ROUND_HALF_EVEN", "5.00", id="half-cent-even"),
            pytest.param("10.03", "0.5", "ROUND_HALF_EVEN", "5.02", id="half-cent-even-up"),
            pytest.param("10.125", "2", "ROUND_HALF_UP", "20.25", id="rounded-once-not-twice"),
            pytest.param("0.01", "0.25", "ROUND_HALF_UP", "0.00", id="under-half-cent"),
            pytest.param("0.01", "0.25", "ROUND_UP", "0.01", id="round-up"),
            pytest.param("0", "7", "ROUND_HALF_UP", "0.00", id="free"),
            pytest.param(
                "12.3449999999999999999999999999",
                "1",
                "ROUND_HALF_UP",
                "12.34",
                id="more-digits-than-the-context-rounded-once",
            ),
            pytest.param(
                "0.0049999999999999999999999999999",
                "1",
                "ROUND_HALF_UP",
                "0.00",
                id="just-under-half-a-cent",
            ),
        ],
    )
    def test_rounding(self, price: str, quantity: str, rounding: str, expected: str) -> None:
        """The product is rounded once with the given mode, and has exactly two places."""
        actual = line_amount(Decimal(price), Decimal(quantity), rounding)
        assert expected == str(actual)

    def test_independent_of_the_callers_context(self) -> None:
        """A caller's decimal context (a low precision, a trapped rounding) changes
        nothing: the fee line is computed as it would be under the default context."""
        with decimal.localcontext() as context:
            context.prec = 3
            context.traps[decimal.Rounded] = True
            context.traps[decimal.Inexact] = True
            amount = line_amount(Decimal("50.00"), Decimal("99.75"), "ROUND_HALF_UP")
        assert "4987.50" == str(amount)

    @given(
        price_cents=st.integers(min_value=0, max_value=10**7),
        quarters=st.integers(min_value=1, max_value=400),
    )
    def test_within_half_a_cent(self, price_cents: int, quarters: int) -> None:
        """A half-up line is within half a cent of the exact product, with two places."""
        price = Decimal(price_cents) / 1000
        quantity = Decimal(quarters) * QUARTER
        amount = line_amount(price, quantity, "ROUND_HALF_UP")
        expected = (True, -2)
        assert expected == (abs(amount - price * quantity) <= Decimal("0.005"), _exp(amount))

    def test_too_many_digits_for_cents_refused_with_the_product(self) -> None:
        """A fee line of 2E+30 dollars is refused, naming the product."""
        with pytest.raises(InvalidAmount) as caught:
            line_amount(Decimal("1e30"), Decimal("2"), "ROUND_HALF_UP")
        expected = (
            "fee line",
            Decimal("2E+30"),
            "it has too many digits to be computed in cents",
            "fee line Decimal('2E+30') is refused: it has too many digits to be computed in cents",
        )
        error = caught.value
        assert expected == (error.field, error.value, error.reason, str(error))


def _exp(amount: Decimal) -> int:
    exponent = amount.as_tuple().exponent
    assert isinstance(exponent, int)
    return exponent


class TestFormatting:
    """format_money, money_str and format_change render dollars and cents."""

    @pytest.mark.parametrize(
        ("amount", "expected"),
        [
            pytest.param("1234.5", "$1,234.50", id="thousands"),
            pytest.param("0", "$0.00", id="zero"),
            pytest.param("50", "$50.00", id="whole"),
            pytest.param("1E+3", "$1,000.00", id="exponent"),
            pytest.param("33.333", "$33.333", id="finer-than-cents-shown-exactly"),
            pytest.param("1234567.125", "$1,234,567.125", id="finer-with-thousands"),
        ],
    )
    def test_format_money(self, amount: str, expected: str) -> None:
        """Amounts show cents and separators; sub-cent prices are never rounded for display."""
        assert expected == format_money(Decimal(amount))

    @pytest.mark.parametrize(
        ("amount", "expected"),
        [
            pytest.param("50", "50.00", id="whole"),
            pytest.param("0", "0.00", id="zero"),
            pytest.param("1E+3", "1000.00", id="exponent"),
            pytest.param("8.33", "8.33", id="cents"),
        ],
    )
    def test_money_str(self, amount: str, expected: str) -> None:
        """The JSON form is plain text with two places."""
        assert expected == money_str(Decimal(amount))

    def test_too_many_digits_for_cents_shown_as_they_are(self) -> None:
        """money_str and format_money show an amount whose cents the decimal context cannot
        hold exactly as it is, and others with cents."""
        expected = ("1E+30", "$1E+30", "7.50", "$7.50")
        actual = (
            money_str(Decimal("1E+30")),
            format_money(Decimal("1E+30")),
            money_str(Decimal("7.5")),
            format_money(Decimal("7.5")),
        )
        assert expected == actual

    @pytest.mark.parametrize(
        ("amount", "expected"),
        [
            pytest.param("0", "±$0.00", id="zero"),
            pytest.param("0.50", "+$0.50", id="half-dollar-up"),
            pytest.param("1", "+$1.00", id="one-up"),
            pytest.param("-0.50", "-$0.50", id="half-dollar-down"),
            pytest.param("-1", "-$1.00", id="one-down"),
        ],
    )
    def test_format_change_signs(self, amount: str, expected: str) -> None:
        """A change in money shows its sign, and zero shows ±, around zero and one dollar."""
        assert expected == format_change(Decimal(amount))


#: The most a sum of money holds: 28 digits in cents.
MOST_CENTS = Decimal("99999999999999999999999999.99")


class TestExactTotals:
    """Sums and differences of money are exact or refused with InvalidAmount: nothing is
    rounded but each fee line, once (`money-rounding`)."""

    @pytest.mark.parametrize(
        ("terms", "expected"),
        [
            pytest.param(("99999999999999999999999999.98", "0.01"), MOST_CENTS, id="28-digits"),
            pytest.param(
                ("1.000000000000000000000000000", "100"),
                Decimal("101.00"),
                id="trailing-zeros-dropped-exactly",
            ),
            pytest.param(("99999999999999999999999999.99", "0.01"), None, id="29-digits"),
            pytest.param((str(MOST_CENTS), str(MOST_CENTS)), None, id="29-digits-not-exact"),
            pytest.param(("1E+999999", "1"), None, id="beyond-the-context"),
        ],
    )
    def test_sum(self, terms: tuple[str, ...], expected: Decimal | None) -> None:
        """Up to 28 digits in cents a sum is exact; beyond, it is refused, naming the terms."""
        amounts = [Decimal(term) for term in terms]
        if expected is not None:
            assert expected == sum_money(amounts)
            return
        with pytest.raises(InvalidAmount) as caught:
            sum_money(amounts)
        expected_error = (
            "total",
            " + ".join(terms),
            "it has too many digits to be counted in cents",
        )
        assert expected_error == (caught.value.field, caught.value.value, caught.value.reason)

    @pytest.mark.parametrize(
        ("amount", "less", "expected"),
        [
            pytest.param(
                MOST_CENTS, Decimal("0.01"), Decimal("99999999999999999999999999.98"), id="exact"
            ),
            pytest.param(Decimal("-0.01"), MOST_CENTS, None, id="29-digits"),
        ],
    )
    def test_difference(self, amount: Decimal, less: Decimal, expected: Decimal | None) -> None:
        """A difference is exact, or refused as a sum is."""
        if expected is not None:
            assert expected == subtract_money(amount, less)
            return
        with pytest.raises(InvalidAmount) as caught:
            subtract_money(amount, less)
        assert f"{amount} - {less}" == caught.value.value

    def test_payments_beyond_a_ledger(self) -> None:
        """Two payments whose sum has 29 digits in cents are refused by the fold, never
        added with their cents rounded away."""
        events = [
            Event(on=date(2026, 1, 5), kind="submitted", amount=MOST_CENTS),
            Event(on=date(2026, 1, 6), kind="application-fee-paid", amount=MOST_CENTS),
        ]
        assert MOST_CENTS == fold(events).paid
        late = Event(on=date(2026, 1, 7), kind="application-fee-paid", amount="0.01")
        with pytest.raises(InvalidAmount) as caught:
            fold([*events, late])
        assert f"{MOST_CENTS} + 0.01" == caught.value.value


class TestCallersContext:
    """Sums and differences of money are the library's, whatever decimal context the
    caller set: a notebook's 3-digit precision that traps rounding changes nothing."""

    @staticmethod
    def _low() -> AbstractContextManager[decimal.Context]:
        context = decimal.Context(prec=3, traps=[decimal.Inexact, decimal.Rounded])
        return decimal.localcontext(context)

    def test_sum_and_difference(self) -> None:
        """sum_money and subtract_money are exact at any caller's precision."""
        with self._low():
            total = sum_money([Decimal("4987.50"), Decimal("62.50"), Decimal("0.01")])
            difference = subtract_money(Decimal("4987.50"), Decimal("0.01"))
        assert ("5050.01", "4987.49") == (str(total), str(difference))

    def test_application_total(self) -> None:
        """An application of three offerings totals to the cent."""
        program = Program(title="T", cecs="99.75")
        offerings = [Offering(date(2026, 3, 20)), Offering(date(2026, 5, 1))]
        application = Application(program=program, offerings=offerings, submitted=date(2026, 3, 1))
        with self._low():
            total = assess_application(application).total
        assert "12468.75" == str(total)

    def test_balances(self) -> None:
        """A history's balance and overpayment, and a roster's, are exact."""
        events = [
            Event(on=date(2026, 1, 5), kind="submitted", amount="4987.50"),
            Event(on=date(2026, 1, 6), kind="application-fee-paid", amount="4987.49"),
            Event(on=date(2026, 1, 7), kind="application-fee-paid", amount="1000.02"),
            Event(on=date(2026, 1, 8), kind="approved"),
            Event(on=date(2026, 3, 10), kind="roster-reported", amount="1234.56", roster="R1"),
            Event(on=date(2026, 3, 11), kind="filing-fee-paid", amount="1234.55", roster="R1"),
        ]
        with self._low():
            history = fold(events)
            figures = (history.paid, history.overpaid, history.rosters["R1"].balance)
        assert ("5987.51", "1000.01", "0.01") == tuple(map(str, figures))

    def test_comparison(self) -> None:
        """A comparison's changes add up to the cent."""
        sale = Policy(label="sale", application_fee_per_cec=Decimal("10.01"))
        application = Application(
            program=Program(title="T", cecs="99.75"),
            offerings=[Offering(date(2026, 5, 1))],
            submitted=date(2026, 3, 1),
        )
        with self._low():
            comparison = compare_policies(DEFAULT_POLICY, sale, applications=[application])
            delta = comparison.revenue_delta
        assert "-3989.00" == str(delta)
