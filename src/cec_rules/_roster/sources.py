"""Bytes and streams as the text the readers take (`roster-file`).

The readers take text from a :class:`TextSource`: a text stream the caller
opened, or a binary one read through :class:`DecodedText`.  Text is read in
blocks of :data:`BLOCK` characters, cut at a line end by the reader.
"""

from __future__ import annotations

import codecs
import re
from typing import IO, Protocol

# The text of a CSV file is read in blocks of this many characters (a few thousand
# rows): small enough that a block's cells stay in the processor's cache while its
# columns are checked (bench/roster.py compares sizes).
BLOCK = 1 << 17

# A line end as csv reads it: CR LF, a lone CR or a lone LF.
LINE_END = re.compile(r"\r\n?|\n")

# The encodings a binary roster is tried in, in order: UTF-8 (a byte-order mark
# dropped), then Windows-1252, the usual encoding of spreadsheets saved on Windows.
UTF8 = "utf-8-sig"
CP1252 = "cp1252"


class TextSource(Protocol):
    """What the row pass reads text from: a text stream, or a :class:`DecodedText`."""

    def read(self, size: int, /) -> str: ...  # pragma: no cover (a protocol)

    def readline(self) -> str: ...  # pragma: no cover (a protocol)


class DecodedText:
    """A binary stream read as text, as ``io.TextIOWrapper(stream, encoding,
    newline="")`` reads it: line ends kept as they are, a bad byte a
    ``UnicodeDecodeError``.  Only the two calls the row pass makes.

    It decodes each block of bytes in one call of the codec's incremental
    decoder, where a wrapper's ``read`` copies each block more than once.  The
    caller's stream is left open.
    """

    def __init__(self, stream: IO[bytes], encoding: str) -> None:
        self._stream = stream
        self._decode = codecs.getincrementaldecoder(encoding)("strict").decode
        self._text = ""  # decoded and not yet handed out
        self._ended = False
        self.nul = False  # whether a NUL byte was read (in UTF-8 or cp1252, only NUL has one)

    def _more(self, size: int) -> bool:
        """Decode more of the stream onto what is held; False at its end."""
        while not self._ended:
            data = self._stream.read(size)
            self._ended = not data
            self.nul = self.nul or b"\x00" in data
            text = self._decode(data, final=self._ended)
            if text:  # none when the bytes read end inside a character
                self._text += text
                return True
        return False

    def read(self, size: int, /) -> str:
        """The text held, or else about ``size`` bytes' worth; "" at the end."""
        if not self._text:
            self._more(size)
        text, self._text = self._text, ""
        return text

    def readline(self) -> str:
        """The next line with its line end; the rest of the text at the end."""
        pieces = []
        while True:
            text = self._text
            match = LINE_END.search(text)
            if match is not None:
                cut = match.end()
                # A CR the text ends with may be the first half of a CR LF.
                if cut < len(text) or text[-1] == "\n" or self._ended:
                    self._text = text[cut:]
                    pieces.append(text[:cut])
                    return "".join(pieces)
                pieces.append(text[:-1])
                self._text = "\r"
            else:
                pieces.append(text)
                self._text = ""
            if not self._more(BLOCK):
                pieces.append(self._text)
                self._text = ""
                return "".join(pieces)


def may_hold_nul(text: str, stream: TextSource) -> bool:
    """Whether ``text`` read from ``stream`` may hold a NUL character.

    Text decoded from a stream with no NUL byte so far has none: that is known
    without a search, which in text with a character beyond Latin-1 (two bytes a
    character, most of them zero) costs many times a search for a quote.
    """
    return (not isinstance(stream, DecodedText) or stream.nul) and "\x00" in text
