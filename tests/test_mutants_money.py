"""Tests that kill mutmut's surviving mutants of cec_rules.money (see docs/mutation.md)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cec_rules.errors import InvalidAmount, InvalidCredits
from cec_rules.money import (
    check_credits,
    format_change,
    format_money,
    line_amount,
    money_str,
    to_credits,
    to_decimal,
    to_money,
)


class TestRefusalsCarryTheirFacts:
    """A refused amount names the field and the value it was given."""

    def test_wrong_type_keeps_the_value(self) -> None:
        """A list given as an amount is kept on the error."""
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

    def test_negative_amount_names_its_field(self) -> None:
        """A negative amount names the field, in the attribute and the message."""
        with pytest.raises(InvalidAmount) as caught:
            to_money("-1", field="unit_price")
        expected = ("unit_price", "unit_price '-1' is refused: an amount may not be negative")
        assert expected == (caught.value.field, str(caught.value))

    def test_non_number_through_to_money_names_its_field(self) -> None:
        """to_money passes its field name on to the parsing step."""
        with pytest.raises(InvalidAmount) as caught:
            to_money("abc", field="surcharge")
        assert "surcharge" == caught.value.field

    def test_zero_credits_message(self) -> None:
        """Zero CECs are refused with the rule book's sentence."""
        with pytest.raises(InvalidCredits) as caught:
            to_credits(0)
        expected = "CECs 0 are refused: a program must carry a positive number of CECs"
        assert expected == str(caught.value)

    def test_too_many_digits_keeps_the_count(self) -> None:
        """A count too long to divide by the step is kept on the error."""
        cecs = Decimal("1e39")
        with pytest.raises(InvalidCredits) as caught:
            check_credits(cecs, increment=Decimal("0.25"), maximum=Decimal("1e40"))
        expected = (
            "CECs 1E+39 are refused: it has too many digits to be checked against the step of 0.25"
        )
        assert (cecs, expected) == (caught.value.value, str(caught.value))


class TestFormatChange:
    """A change in money shows its sign, and zero shows ±."""

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
    def test_signs(self, amount: str, expected: str) -> None:
        """Each sign around zero and one dollar."""
        assert expected == format_change(Decimal(amount))


class TestTooManyDigitsForCents:
    """Amounts whose cents the decimal context cannot hold."""

    def test_line_amount_refuses_with_the_product(self) -> None:
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

    def test_shown_as_they_are(self) -> None:
        """money_str and format_money show such an amount exactly, and others with cents."""
        expected = ("1E+30", "$1E+30", "7.50", "$7.50")
        actual = (
            money_str(Decimal("1E+30")),
            format_money(Decimal("1E+30")),
            money_str(Decimal("7.5")),
            format_money(Decimal("7.5")),
        )
        assert expected == actual
