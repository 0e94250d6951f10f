"""Attendee names: normalizing, checking and comparing (`name-fields`, `name-match`).

Names are kept as given, only cleaned: Unicode NFC, trimmed, inner whitespace
collapsed, invisible formatting characters removed.  The zero-width joiner and
non-joiner stay, because some scripts need them.  Comparison with the
account's names is tolerant (case, accents, apostrophes, dashes and spaces
folded) and never changes either name.
"""

from __future__ import annotations

import unicodedata

__all__ = ["FORMULA_STARTS", "fold_name", "name_problem", "normalize_name"]

# Invisible formatting characters removed from names.  U+200C (zero-width
# non-joiner) and U+200D (zero-width joiner) are deliberately absent.
_INVISIBLE = dict.fromkeys(
    [
        0x00AD,  # soft hyphen
        0x061C,  # Arabic letter mark (a bidirectional control)
        0x180E,  # Mongolian vowel separator
        0x200B,  # zero-width space
        0x200E,  # left-to-right mark
        0x200F,  # right-to-left mark
        *range(0x202A, 0x202F),  # bidirectional embeddings and overrides
        0x2060,  # word joiner
        *range(0x2066, 0x206A),  # bidirectional isolates
        0xFEFF,  # byte-order mark / zero-width no-break space
    ]
)

#: Characters a spreadsheet reads as the start of a formula.
FORMULA_STARTS = ("=", "+", "-", "@")

# When names are compared: apostrophes and dashes folded away; the letters whose
# mark Unicode does not split off (ø, ł, đ, ħ, ŧ, and the dotless ı) spelled as the
# plain letter; and æ, œ, ð and þ as English text spells them: as a person without
# those keys would type them.  Lower case only, as names are case-folded first.
_SPELLED: dict[str, str | None] = {"ø": "o", "ł": "l", "đ": "d", "ħ": "h", "ŧ": "t", "ı": "i"}
_SPELLED.update({"æ": "ae", "œ": "oe", "ð": "d", "þ": "th"})
_FOLD = {**dict.fromkeys(map(ord, "'’‘ʼ`´-‐‑‒–—―−.,")), **str.maketrans(_SPELLED)}


def normalize_name(raw: str) -> str:
    """Return ``raw`` cleaned: NFC, invisible characters removed, whitespace collapsed.

    >>> normalize_name("  Zoe\\u200b  Saldana ")
    'Zoe Saldana'
    """
    if raw.isascii():
        return " ".join(raw.split())
    cleaned = unicodedata.normalize("NFC", raw).translate(_INVISIBLE)
    return " ".join(cleaned.split())


_LINE_SPACE = frozenset("\t\n\r")

# The single-byte encodings in which UTF-8 text is misread (Windows-1252 and
# Latin-1 on Windows, Mac Roman), leaving "Ã©" for "é" and "â€™" for "’".  (The DOS
# code pages are left out: their letters combine into valid UTF-8 too often, as
# "ÍÑ" in code page 850 does.)
_MISREAD_AS = ("cp1252", "latin-1", "mac_roman")
# Punctuation a name repaired from such damage may hold besides letters and marks.
_LETTER_CATEGORIES = frozenset(["Lu", "Ll", "Lt", "Lo"])
_NAME_PUNCTUATION = frozenset("\u2018\u2019\u201c\u201d\u2013\u2014\u00b7\u00a0")


def _name_text(text: str) -> bool:
    """Whether every character of ``text`` beyond ASCII is a letter (not a modifier
    letter such as U+02C8, which is what "Àà" in Mac Roman repairs to), a mark
    after a letter, or a name's punctuation (an apostrophe, a dash, a middle dot)."""
    previous = ""
    for char in text:
        if not char.isascii() and char not in _NAME_PUNCTUATION:
            category = unicodedata.category(char)
            if category not in _LETTER_CATEGORIES and not (
                category[0] == "M" and previous.isalpha()
            ):
                return False
        previous = char
    return True


def _keeps_punctuation(name: str, meant: str) -> bool:
    """Whether a repair keeps every apostrophe, quote and dash of the name: a repair
    that reads one as the first byte of a letter ("L’Écuyer" as Mac Roman would
    make "LՃcuyer") found a coincidence, not damage."""
    return all(meant.count(mark) >= name.count(mark) for mark in _NAME_PUNCTUATION)


def _encoding_damage(name: str) -> str | None:
    """How ``name`` shows damage from a lost encoding, or ``None``.

    A ``?`` stands for a letter the encoding could not hold; U+FFFD for bytes a
    decoder could not read; a lone surrogate is a byte that was not UTF-8; and a
    name that, written in a single-byte encoding, reads as other UTF-8 text
    beyond ASCII is that text misread ("JosÃ©" is "José" read as Windows-1252).
    """
    if "?" in name:
        return "holds '?', which stands for a letter the file's encoding could not hold"
    if name.isascii():
        return None
    if "\ufffd" in name:
        return "holds the replacement character U+FFFD, which stands for unreadable bytes"
    if any(0xD800 <= ord(char) <= 0xDFFF for char in name):
        return "holds bytes that are not UTF-8"
    for encoding in _MISREAD_AS:
        try:
            meant = name.encode(encoding).decode("utf-8")
        except UnicodeError:  # not written in that encoding, or not UTF-8 then
            continue
        if (
            meant != name
            and not meant.isascii()
            and _name_text(meant)
            and _keeps_punctuation(name, meant)
        ):
            return (
                f"looks like UTF-8 text read in another encoding: it reads {meant!r} when repaired"
            )
    return None


def name_problem(raw: str, name: str, max_length: int) -> tuple[str, str] | None:
    """Return ``(code, message)`` for the first way a name breaks `name-fields`, or
    ``None`` when it is acceptable.

    ``raw`` is the value as given and ``name`` its :func:`normalize_name` form.
    Tabs and line breaks count as whitespace and are collapsed; any other
    control character refuses the name, and so does damage from a lost encoding
    (a ``?``, U+FFFD, a lone surrogate, UTF-8 misread as "Ã©").  A blank name is
    the caller's `roster-fields` finding, not checked here.
    """
    if not raw.isprintable() and any(
        unicodedata.category(ch) == "Cc" and ch not in _LINE_SPACE for ch in raw
    ):
        return ("name-control-character", "contains a control character; remove it")
    damage = _encoding_damage(name)
    if damage is not None:
        return ("name-encoding-damage", damage)
    if name.startswith(FORMULA_STARTS):
        return (
            "name-formula-start",
            f"starts with {name[0]!r}, which a spreadsheet reads as a formula; "
            "remove the leading character",
        )
    if not any(map(str.isalpha, name)):
        return ("name-no-letter", "contains no letter; a name needs at least one")
    if len(name) > max_length:
        return ("name-too-long", f"is {len(name)} characters long; the most is {max_length}")
    return None


def fold_name(name: str) -> str:
    """Return a key for tolerant comparison: case-folded, accents, apostrophes,
    dashes and whitespace removed, and letters such as ł, ø and æ spelled as
    l, o and ae.

    >>> fold_name("O'Brien-Núñez") == fold_name("obrien nunez")
    True
    """
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    kept = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return "".join(kept.translate(_FOLD).split())
