"""Helpers for checking a column of rows at a time, with no Python step per row.

A check of many rows gives its answer as *flags*: an integer holding one byte
per row, 1 where the row fails, so that checks combine with ``|`` and
``to_bytes`` gives the bytes back.  The column pass (:mod:`.fastpass`) and
account settlement (:mod:`.settle`) both work this way.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar


class Seen(dict[str, str]):
    """Texts seen, each with the result of ``clean``, which runs once per text."""

    def __init__(self, clean: Callable[[str], str]) -> None:
        super().__init__()
        self.clean = clean

    def __missing__(self, text: str) -> str:
        value = self[text] = self.clean(text)
        return value


def may_run_past(text: str, ends: str, limit: int) -> bool:
    """False when no run of characters between the ``ends`` (one or two characters)
    is longer than ``limit``; True when one may be.

    Any run of ``2 * step - 1`` characters or more holds a whole window of
    ``step`` characters starting at a multiple of ``step``: a look into each such
    window costs a few calls per ``step`` characters rather than one per line.
    """
    step = limit // 2 + 1  # 2 * step - 1 <= limit + 1
    find = text.find
    for start in range(0, len(text) - step + 1, step):
        stop = start + step
        for end in ends:
            if find(end, start, stop) >= 0:
                break
        else:
            return True
    return False


def look_up(seen: Seen, texts: tuple[str, ...]) -> tuple[str, ...]:
    """What ``seen`` holds for each of ``texts`` (at least one), in order.

    One ``itemgetter`` call looks them all up with no call per text, where a
    ``map`` makes one.  An ``itemgetter`` of one key gives the value
    itself rather than a tuple, so one text is looked up on its own.
    """
    if len(texts) == 1:
        return (seen[texts[0]],)
    return operator.itemgetter(*texts)(seen)  # type: ignore[no-any-return]


_V = TypeVar("_V")


def positions(column: Sequence[_V], value: _V) -> Iterator[int]:
    """The indexes at which ``column`` holds ``value``, in increasing order."""
    index = -1
    try:  # (cheaper than contextlib.suppress, an object and two calls per use)
        while True:
            index = column.index(value, index + 1)
            yield index
    except ValueError:  # no more
        return


def flags_at(count: int, indexes: Iterable[int]) -> int:
    """Flags (as :func:`flags` makes them) of ``count`` rows, set at ``indexes``."""
    marks = bytearray(count)
    for index in indexes:
        marks[index] = 1
    return int.from_bytes(marks, "little")


def flags(values: Iterable[bool]) -> int:
    """One byte per row, 1 where the value is true, read as a little-endian integer.

    Masks of the same rows combine with ``|``; ``to_bytes`` gives the bytes back.
    """
    return int.from_bytes(bytes(values), "little")


_T = TypeVar("_T")
_S = TypeVar("_S", bound=Sequence[Any])


def replace(column: list[Any], value: Callable[[Any], Any]) -> None:
    """Replace each item of ``column`` by its ``value``, in place."""
    column[:] = map(value, column)


def drop(column: list[_T], dropped: list[int]) -> list[_T]:
    """Remove the items at the increasing indexes ``dropped`` from ``column``; return it.

    The items between two dropped ones move down in one slice assignment, which
    costs far less than a test of every item; those before the first stay put.
    """
    if not dropped:
        return column
    end = dropped[0]
    for start, stop in itertools.pairwise([*dropped, len(column)]):
        piece = column[start + 1 : stop]
        column[end : end + len(piece)] = piece
        end += len(piece)
    del column[end:]
    return column


def between(column: _S, dropped: list[int]) -> Iterator[_S]:
    """The slices of ``column`` between the increasing indexes ``dropped``."""
    start = 0
    for index in dropped:
        yield column[start:index]  # type: ignore[misc]
        start = index + 1
    yield column[start:]  # type: ignore[misc]
