"""Attendee names (`name-fields`, `name-match`): cleaning, checking and tolerant comparison."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, strategies as st

from cec_rules.names import FORMULA_STARTS, fold_name, name_problem, normalize_name


class TestNormalizeName:
    """normalize_name: NFC, invisible characters removed, whitespace trimmed and collapsed."""

    @pytest.mark.parametrize(
        ("raw", "expected"),
        [
            pytest.param("Ada", "Ada", id="plain"),
            pytest.param("  Ada  ", "Ada", id="trimmed"),
            pytest.param("Mary \t  Jane", "Mary Jane", id="collapsed-ascii"),
            pytest.param("Mary\nJane", "Mary Jane", id="line-break"),
            pytest.param("Zoë\u00a0Saldaña", "Zoë Saldaña", id="no-break-space"),
            pytest.param("Zoe\u0308", "Zoë", id="nfc"),
            pytest.param("\u212bngstr\u00f6m", "\u00c5ngstr\u00f6m", id="nfc-singleton"),
            pytest.param("Zo\u200bë", "Zoë", id="zero-width-space"),
            pytest.param("\ufeffZoë", "Zoë", id="byte-order-mark"),
            pytest.param("Zo\u00adë", "Zoë", id="soft-hyphen"),
            pytest.param("\u200eZoë\u200f", "Zoë", id="lrm-rlm"),
            pytest.param("\u202aZoë\u202b\u202c\u202d\u202e", "Zoë", id="embeddings-overrides"),
            pytest.param("\u2066Zoë\u2067\u2068\u2069", "Zoë", id="isolates"),
            pytest.param("\u061cمحمد", "محمد", id="arabic-letter-mark"),
            pytest.param("Zo\u2060ë", "Zoë", id="word-joiner"),
            pytest.param("Zo\u180eë", "Zoë", id="mongolian-vowel-separator"),
            pytest.param("می\u200cخواهم", "می\u200cخواهم", id="zwnj-kept"),
            pytest.param("क्\u200dष", "क्\u200dष", id="zwj-kept"),
            pytest.param("Zoë \u200b Saldaña", "Zoë Saldaña", id="space-invisible-space"),
            pytest.param("\u200b", "", id="only-invisible"),
            pytest.param("", "", id="empty"),
            pytest.param("O'Brien-Núñez", "O'Brien-Núñez", id="punctuation-kept"),
            pytest.param("ADA lovelace", "ADA lovelace", id="case-kept"),
        ],
    )
    def test_normalize(self, raw: str, expected: str) -> None:
        """The name is cleaned exactly as the rule says, and nothing more."""
        assert expected == normalize_name(raw)

    @given(st.text())
    def test_idempotent_and_clean(self, raw: str) -> None:
        """Normalizing twice changes nothing; the result is NFC with no outer or double spaces."""
        name = normalize_name(raw)
        assert name == normalize_name(name)
        assert name == unicodedata.normalize("NFC", name)
        assert name == name.strip()
        assert "  " not in name


class TestNameProblem:
    """name_problem: the first way a name breaks `name-fields`, or None."""

    @pytest.mark.parametrize(
        ("raw", "expected"),
        [
            pytest.param("Ada", None, id="plain"),
            pytest.param("Ada\tMarie", None, id="tab-is-whitespace"),
            pytest.param("Ada\r\nMarie", None, id="line-break-is-whitespace"),
            pytest.param("O'Brien", None, id="apostrophe"),
            pytest.param("Mary-Jane", None, id="hyphen"),
            pytest.param("李", None, id="chinese"),
            pytest.param("Ωmega", None, id="greek"),
            pytest.param("Ada\x00", "name-control-character", id="nul"),
            pytest.param("Ada\x1f", "name-control-character", id="unit-separator"),
            pytest.param("Ada\x85", "name-control-character", id="next-line"),
            pytest.param("Ada\x7f", "name-control-character", id="delete"),
            pytest.param("=Ada\x07", "name-control-character", id="control-first"),
            pytest.param("=1+1", "name-formula-start", id="equals"),
            pytest.param("+Ada", "name-formula-start", id="plus"),
            pytest.param("-Ada", "name-formula-start", id="minus"),
            pytest.param("@Ada", "name-formula-start", id="at"),
            pytest.param("Ada=", None, id="equals-inside"),
            pytest.param("1234", "name-no-letter", id="digits"),
            pytest.param("'", "name-no-letter", id="apostrophe-only"),
            pytest.param("", "name-no-letter", id="empty"),
            pytest.param("A" * 101, "name-too-long", id="101"),
            pytest.param("A" * 100, None, id="100"),
            # `name-fields` (December 2026): damage from a lost encoding.
            pytest.param("Jos?", "name-encoding-damage", id="question-mark"),
            pytest.param("?", "name-encoding-damage", id="question-mark-alone"),
            pytest.param("Jos\ufffd", "name-encoding-damage", id="replacement-character"),
            pytest.param("Jos\udce9", "name-encoding-damage", id="lone-surrogate"),
            pytest.param("JosÃ©", "name-encoding-damage", id="utf8-read-as-cp1252"),
            pytest.param("Ã¶zil", "name-encoding-damage", id="o-umlaut"),
            pytest.param("Oâ€™Brien", "name-encoding-damage", id="apostrophe-read-as-cp1252"),
            pytest.param("NÃºÃ±ez", "name-encoding-damage", id="n-tilde"),
            pytest.param("Jos√©", "name-encoding-damage", id="utf8-read-as-mac-roman"),
            pytest.param("Ð˜Ð²Ð°Ð½", "name-encoding-damage", id="cyrillic-read-as-cp1252"),
            pytest.param("José", None, id="accent"),
            pytest.param("Nguyễn", None, id="vietnamese"),
            pytest.param("ÍÑIGO", None, id="capitals-that-are-utf8-in-cp850"),
            pytest.param("Â®lise", None, id="repairs-to-no-name"),
            pytest.param("Łukasz", None, id="not-in-cp1252"),
            # In Mac Roman, ’ is the first byte of a two-byte letter and É, Ç the second:
            # a repair that eats the apostrophe is a coincidence, not damage.
            pytest.param("L’Écuyer", None, id="apostrophe-then-e-acute"),
            pytest.param("A’Ç", None, id="apostrophe-then-c-cedilla"),
        ],
    )
    def test_problem(self, raw: str, expected: str | None) -> None:
        """Each name gets the code of its first problem."""
        problem = name_problem(raw, normalize_name(raw), 100)
        assert expected == (None if problem is None else problem[0])

    def test_messages(self) -> None:
        """Messages say what is wrong and what to do."""
        expected = [
            ("name-control-character", "contains a control character; remove it"),
            (
                "name-formula-start",
                "starts with '=', which a spreadsheet reads as a formula; "
                "remove the leading character",
            ),
            ("name-no-letter", "contains no letter; a name needs at least one"),
            ("name-too-long", "is 4 characters long; the most is 3"),
        ]
        actual = [
            name_problem(raw, normalize_name(raw), 3) for raw in ("A\x01", "=A", "42", "Anna")
        ]
        assert expected == actual

    def test_length_is_counted_after_cleaning(self) -> None:
        """Spaces and invisible characters removed by cleaning do not count."""
        raw = "  " + "\u200b".join("Anna") + "  "
        assert None is name_problem(raw, normalize_name(raw), 4)

    def test_formula_starts(self) -> None:
        """The formula characters are the four the rule lists."""
        expected = ("=", "+", "-", "@")
        assert expected == FORMULA_STARTS


class TestFoldName:
    """fold_name: the key for tolerant comparison."""

    @pytest.mark.parametrize(
        ("left", "right"),
        [
            pytest.param("José", "jose", id="case-and-accent"),
            pytest.param("Núñez", "NUNEZ", id="tilde"),
            pytest.param("O'Brien", "OBrien", id="apostrophe"),
            pytest.param("O’Brien", "O'Brien", id="curly-apostrophe"),
            pytest.param("Mary-Jane", "Mary Jane", id="hyphen-space"),
            pytest.param("Mary–Jane", "MaryJane", id="en-dash"),
            pytest.param("Mary—Jane", "Mary‐Jane", id="em-dash-hyphen"),
            pytest.param("Van der Berg", "vanderberg", id="spaces"),
            pytest.param("St. John", "St John", id="period"),
            pytest.param("Straße", "STRASSE", id="sharp-s"),
            pytest.param("Zoe\u0308", "Zoë", id="decomposed"),
            pytest.param("ﬁona", "fiona", id="ligature"),
            pytest.param("Łukasz Wałęsa", "Lukasz Walesa", id="l-stroke"),
            pytest.param("Søren Ørsted", "Soren Orsted", id="o-stroke"),
            pytest.param("Đorđe", "Dorde", id="d-stroke"),
            pytest.param("Ħamrun", "Hamrun", id="h-stroke"),
            pytest.param("Ŧeo", "Teo", id="t-stroke"),
            pytest.param("Yıldız", "Yildiz", id="dotless-i"),
            pytest.param("İlker", "Ilker", id="dotted-capital-i"),
            pytest.param("Ægir Cœur", "Aegir Coeur", id="ae-oe"),
            pytest.param("Guðrún Þór", "Gudrun Thor", id="eth-thorn"),
        ],
    )
    def test_tolerated(self, left: str, right: str) -> None:
        """These differences fold away."""
        assert fold_name(left) == fold_name(right)

    @pytest.mark.parametrize(
        ("left", "right"),
        [
            pytest.param("Jon", "John", id="letter"),
            pytest.param("Ann", "Anna", id="extra-letter"),
            pytest.param("Li", "Lee", id="spelling"),
            pytest.param("李", "王", id="other-character"),
            pytest.param("Łukasz", "Kukasz", id="stroke-kept-letter"),
            pytest.param("Ægir", "Agir", id="ae-two-letters"),
        ],
    )
    def test_real_differences(self, left: str, right: str) -> None:
        """Real spelling differences do not fold away."""
        assert fold_name(left) != fold_name(right)

    def test_key(self) -> None:
        """The key is lower-case letters only."""
        expected = "obriennunez"
        assert expected == fold_name(" O'Brien-Núñez ")
