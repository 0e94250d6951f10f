"""Bytes and streams as the text the readers take (`roster-file`).

The readers take text from a :class:`TextSource`: a text stream the caller
opened, or a binary one read through :class:`DecodedText`.  Text is read in
blocks of :data:`BLOCK` characters, cut at a line end by the reader.

A binary roster is read as UTF-16 when it starts with that encoding's
byte-order mark, and as UTF-8 (with or without a mark) otherwise.  A file that
is UTF-8 but for a few bad bytes (it holds a valid multi-byte sequence too) is
read as UTF-8, each bad byte a lone surrogate (U+DC80 to U+DCFF, as
``errors="surrogateescape"`` makes them) that refuses its row.  A file with no
valid multi-byte sequence is a legacy single-byte file: :func:`legacy_encoding`
chooses its encoding when exactly one candidate reads it as plausible names.
"""

from __future__ import annotations

import codecs
import io
import re
import unicodedata
from typing import IO, NamedTuple, Protocol

from cec_rules._roster import findings
from cec_rules._roster.findings import FileRefused, Finding

# The text of a CSV file is read in blocks of this many characters (a few thousand
# rows): small enough that a block's cells stay in the processor's cache while its
# columns are checked (bench/roster.py compares sizes).
BLOCK = 1 << 17

# A line end as csv reads it: CR LF, a lone CR or a lone LF.
LINE_END = re.compile(r"\r\n?|\n")

# UTF-8 (a byte-order mark dropped), and UTF-16 (of the byte order its mark gives).
UTF8 = "utf-8-sig"
UTF16 = "utf-16"

#: The legacy single-byte encodings a file that is not UTF-8 may be read in, in
#: the order they are named when several read a file the same: Windows-1252 (the
#: usual encoding of spreadsheets saved on Windows), Mac Roman (older Macs), and
#: the DOS code pages 437 (US) and 850 (Western Europe).
LEGACY = ("cp1252", "mac_roman", "cp437", "cp850")

# How many bytes of a binary file are looked at for a byte-order mark, or for the
# NUL bytes of UTF-16 text that has none.
HEAD = 64

# A lone surrogate: what a bad byte becomes under errors="surrogateescape" (U+DC80
# to U+DCFF), or any other a text stream or a record may hold.  Never a character.
SURROGATE = re.compile("[\ud800-\udfff]")

# One valid UTF-8 sequence of two to four bytes (the shortest form, no surrogate).
MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]"
    rb"|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)


class Reach(NamedTuple):
    """How far ahead a reader may look into a file to decide how to read it: no more
    than ``lines`` line ends, nor into a line longer than ``line_bytes``.  The limits
    of `roster-file` refuse a file past either, so nothing beyond can matter."""

    lines: int
    line_bytes: int


class TextSource(Protocol):
    """What the row pass reads text from: a text stream, or a :class:`DecodedText`."""

    def read(self, size: int, /) -> str: ...  # pragma: no cover (a protocol)

    def readline(self, size: int = -1, /) -> str: ...  # pragma: no cover (a protocol)


class Undecodable(UnicodeDecodeError):
    """A byte the encoding cannot read, with its ``offset`` from the start of the file."""

    def __init__(self, error: UnicodeDecodeError, offset: int) -> None:
        super().__init__(error.encoding, error.object, error.start, error.end, error.reason)
        self.offset = offset

    @property
    def byte(self) -> int:
        """The first byte that cannot be read."""
        return self.object[self.start]


class DecodedText:
    """A binary stream read as text, as ``io.TextIOWrapper(stream, encoding,
    newline="")`` reads it: line ends kept as they are, a bad byte an
    :class:`Undecodable` (a ``UnicodeDecodeError``).  Only the two calls the row
    pass makes.

    It decodes each block of bytes in one call of the codec's incremental
    decoder, where a wrapper's ``read`` copies each block more than once.  The
    caller's stream is left open.  ``head`` holds bytes already read from it.

    With ``escape`` (UTF-8 only), the first bad byte of a file that holds a valid
    multi-byte sequence before it, or (when ``rereadable``) anywhere after it,
    is not an error: from there on bad bytes are read as lone surrogates
    (:attr:`escaped`), and only a file with no multi-byte sequence at all raises.
    """

    def __init__(
        self,
        stream: IO[bytes],
        encoding: str,
        *,
        head: bytes = b"",
        escape: bool = False,
        rereadable: bool = False,
        reach: Reach | None = None,
    ) -> None:
        self._stream = stream
        self._decoder = codecs.getincrementaldecoder(encoding)("strict")
        self._head = head
        self._escape = escape
        self._rereadable = rereadable
        self._reach = reach
        self._text = ""  # decoded and not yet handed out
        self._ended = False
        self._offset = 0  # how many bytes were given to the decoder
        # Whether a NUL byte was read (in UTF-8 and the legacy encodings only NUL has
        # one; in UTF-16 text most characters do, so there it is whether one was
        # decoded).
        self.nul = False
        self._wide = encoding == UTF16
        self.multibyte = False  # whether a character beyond ASCII was decoded
        self.escaped = False  # whether bad bytes were read as lone surrogates
        self.first_escaped = -1  # the offset of the first bad byte escaped

    def _more(self, size: int) -> bool:
        """Decode more of the stream onto what is held; False at its end."""
        while not self._ended:
            data = self._stream.read(size)
            if self._head:
                data, self._head = self._head + data, b""
            self._ended = not data
            text = self._decode(data)
            self.nul = self.nul or ("\x00" in text if self._wide else b"\x00" in data)
            if text:  # none when the bytes read end inside a character
                self._text += text
                return True
        return False

    def _decode(self, data: bytes) -> str:
        """The text of ``data``, the next bytes of the stream."""
        decoder = self._decoder
        state = decoder.getstate()
        try:
            text: str = decoder.decode(data, self._ended)
        except UnicodeDecodeError as error:
            # The decoder's state is left as it was: ``error.object`` ends with ``data``.
            offset = self._offset + len(data) - len(error.object) + error.start
            if not (self._escape and self._tolerate(error)):
                raise Undecodable(error, offset) from None
            self.escaped = True
            self.first_escaped = offset
            decoder.setstate(state)
            decoder.errors = "surrogateescape"
            text = decoder.decode(data, self._ended)
        self._offset += len(data)
        self.multibyte = self.multibyte or not text.isascii()
        return text

    def _tolerate(self, error: UnicodeDecodeError) -> bool:
        """Whether the file holds a valid multi-byte sequence: before the bad byte, or
        (when the stream can be read again) after it."""
        if self.multibyte or not error.object[: error.start].isascii():
            return True
        if not self._rereadable:
            return False
        at = self._stream.tell()
        found = holds_multibyte(self._stream, error.object[error.start :], self._reach)
        self._stream.seek(at)
        return found

    def read(self, size: int, /) -> str:
        """The text held, or else about ``size`` bytes' worth; "" at the end."""
        if not self._text:
            self._more(size)
        text, self._text = self._text, ""
        return text

    def readline(self, size: int = -1, /) -> str:
        """The next line with its line end, the rest of the text at the end; at most
        ``size`` characters when ``size`` is not negative, as ``io`` reads lines."""
        pieces = []
        held = 0
        while True:
            text = self._text
            match = LINE_END.search(text)
            if match is not None:
                cut = match.end()
                # A CR the text ends with may be the first half of a CR LF.
                if cut < len(text) or text[-1] == "\n" or self._ended:
                    self._text = text[cut:]
                    pieces.append(text[:cut])
                    return self._at_most(pieces, size)
                pieces.append(text[:-1])
                self._text = "\r"
            else:
                pieces.append(text)
                self._text = ""
            held += len(pieces[-1])
            if 0 <= size <= held:  # a line this long is not held whole
                return self._at_most(pieces, size)
            if not self._more(BLOCK):
                pieces.append(self._text)
                self._text = ""
                return "".join(pieces)

    def _at_most(self, pieces: list[str], size: int) -> str:
        """The line of ``pieces``, its characters past ``size`` (when not negative)
        put back before the text held."""
        line = "".join(pieces)
        if 0 <= size < len(line):
            self._text = line[size:] + self._text
            line = line[:size]
        return line


def may_hold_nul(text: str, stream: TextSource) -> bool:
    """Whether ``text`` read from ``stream`` may hold a NUL character.

    Text decoded from a stream with no NUL byte so far has none: that is known
    without a search, which in text with a character beyond Latin-1 (two bytes a
    character, most of them zero) costs many times a search for a quote.
    """
    return (not isinstance(stream, DecodedText) or stream.nul) and "\x00" in text


def holds_undecoded(text: str, stream: TextSource) -> bool:
    """Whether ``text`` read from ``stream`` holds a lone surrogate (a bad byte).

    Text decoded from a stream that has met no bad byte has none, and ASCII text
    none either: both are known without a search.
    """
    if isinstance(stream, DecodedText):
        return stream.escaped and SURROGATE.search(text) is not None
    return not text.isascii() and SURROGATE.search(text) is not None


def undecoded(text: str) -> list[str]:
    """The lone surrogates of ``text``, each as the byte it stands for ("0xe9"), or
    as its code point ("U+D800") when it stands for none; each once, in order."""
    shown = []
    for surrogate in dict.fromkeys(SURROGATE.findall(text)):
        point = ord(surrogate)
        shown.append(f"{point - 0xDC00:#04x}" if 0xDC80 <= point <= 0xDCFF else f"U+{point:04X}")
    return shown


def read_head(stream: IO[bytes]) -> bytes:
    """The first :data:`HEAD` bytes of ``stream`` (fewer in a shorter file)."""
    head = b""
    while len(head) < HEAD:
        data = stream.read(HEAD - len(head))
        if not data:
            break
        head += data
    return head


def bom_encoding(head: bytes) -> str | None:
    """The encoding a byte-order mark at the start of ``head`` names, or ``None``."""
    if head.startswith(codecs.BOM_UTF8):
        return UTF8
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return UTF16
    return None


def looks_like_utf16(head: bytes) -> bool:
    """Whether ``head`` looks like UTF-16 text with no byte-order mark: a NUL byte in
    every other place (the ASCII characters of the header) and in no other."""
    pairs = len(head) // 2
    if pairs < 2:
        return False
    even, odd = head[0 : 2 * pairs : 2], head[1 : 2 * pairs : 2]
    return (even.count(0) == pairs and odd.count(0) == 0) or (
        odd.count(0) == pairs and even.count(0) == 0
    )


def holds_multibyte(stream: IO[bytes], data: bytes, reach: Reach | None = None) -> bool:
    """Whether ``data`` and the rest of ``stream`` after it hold a valid multi-byte
    UTF-8 sequence; reads the stream to its end, to the first such sequence, or
    as far as ``reach`` lets it look."""
    tail = b""
    lines = 0
    line = 0  # the bytes since the last line end
    while data:
        if MULTIBYTE.search(tail + data):
            return True
        if reach is not None:
            lines += max(data.count(b"\n"), data.count(b"\r"))
            end = max(data.rfind(b"\n"), data.rfind(b"\r"))
            line = len(data) - end - 1 if end >= 0 else line + len(data)
            if lines > reach.lines or line > reach.line_bytes:
                return False
        # A sequence cut between reads: its first bytes may come from reads before the
        # last, when reads are shorter than a sequence.
        tail = (tail + data)[-3:]
        data = stream.read(BLOCK)
    return False


# --------------------------------------------------------------------------
# Legacy single-byte encodings

# A run of bytes beyond ASCII, with the byte before it and the byte after it (read
# in a lookahead, so that the next run still sees it as its byte before).
_RUN = re.compile(rb"(?=([\x00-\x7f]?[\x80-\xff]+[\x00-\x7f]?))[\x00-\x7f]?[\x80-\xff]+")
_ASCII = bytes(range(0x80))

# Characters beyond ASCII that names hold besides letters: apostrophes, dashes and a
# no-break space.
_NAME_MARKS = frozenset("\u2018\u2019\u2013\u2014\u00a0")


def _name_letter(char: str) -> bool:
    """Whether ``char`` (beyond ASCII) may stand in a name: a Latin letter other than
    a ligature of typesetting (ﬁ, ﬂ) or the florin sign ƒ, or an apostrophe, a dash
    or a no-break space."""
    if char in _NAME_MARKS:
        return True
    name = unicodedata.name(char, "")
    return name.startswith("LATIN ") and "LIGATURE F" not in name and char != "\u0192"


def plausible(text: str) -> bool:
    """Whether ``text`` (a run of characters beyond ASCII and its neighbours) reads as
    names do.

    Every character beyond ASCII is a Latin letter (or an apostrophe, a dash, a
    no-break space); no upper-case letter directly follows a lower-case one
    unless both are ASCII ("McDonald" is a name; "JosŽ", Mac Roman read as
    Windows-1252, is not); and an upper-case letter beyond ASCII followed by a
    lower-case letter starts a word ("Élise"; not "MŸller").
    """
    if not all(map(_name_letter, text.translate(dict.fromkeys(range(0x80))))):
        return False
    for before, char, after in zip(" " + text, text, text[1:] + " ", strict=False):
        if char.isascii() or not char.isupper():
            if before.islower() and char.isupper() and not before.isascii():
                return False
            continue
        if before.islower() or (after.islower() and before.isalpha()):
            return False
    return True


class Legacy(NamedTuple):
    """What :func:`legacy_encoding` found: the ``encoding`` chosen (``None`` when the
    file cannot be told), the other candidates that read the file the same
    (``agreeing``), and every candidate that reads it as plausible names."""

    encoding: str | None
    agreeing: tuple[str, ...]
    plausible: tuple[str, ...]


def legacy_encoding(stream: IO[bytes], reach: Reach | None = None) -> Legacy:
    """Tell which of the :data:`LEGACY` encodings the rest of ``stream`` is in.

    A candidate is plausible when it can decode every byte and each run of
    bytes beyond ASCII, with its neighbours, reads as names do
    (:func:`plausible`).  Candidates that give the same text (cp437 and cp850
    agree on most letters) count as one; exactly one text must remain.  Reads
    the stream once, a block at a time, to its end or as far as ``reach`` lets
    it look (a file the reader refuses there anyway); each distinct run is
    judged once.

    Measured (``bench/encodings.py``): rosters of 1 to 50 rows of names such as
    José, Müller, François, Núñez, Ørsted, Zoë, O’Brien, Straße, Þór, written in
    each candidate, are read as the text written or refused, never misread;
    refusals fall as rosters grow (a single name such as Ørsted or Siobhán
    reads as names in several encodings).
    """
    remaining = list(LEGACY)
    present: set[int] = set()  # the bytes beyond ASCII the file holds
    judged: set[bytes] = set()
    carry = b""
    seen = 0  # line ends read
    while remaining:
        data = stream.read(BLOCK)
        data, ended = carry + data, not data
        seen += max(data.count(b"\n"), data.count(b"\r"))  # (the carry holds none)
        ended = ended or (reach is not None and seen > reach.lines)
        # Judge whole lines only, so that no run is cut between two reads.
        cut = len(data) if ended else max(data.rfind(b"\n"), data.rfind(b"\r")) + 1
        data, carry = data[:cut], data[cut:]
        if reach is not None and len(carry) > reach.line_bytes:
            data, carry, ended = data + carry, b"", True
        present.update(data.translate(None, _ASCII))
        # The distinct cells beyond ASCII, rejoined: a comma or a line break is no
        # letter, so a run's neighbours are judged the same; a roster repeats its
        # names, and a search of its distinct cells costs a fraction of the whole.
        cells = b"\n".join({cell for cell in set(data.split(b",")) if not cell.isascii()})
        runs = set(_RUN.findall(cells)) - judged
        judged.update(runs)
        for encoding in list(remaining):
            for run in runs:
                try:
                    text = run.decode(encoding)
                except UnicodeDecodeError:
                    text = "\ufffd"  # a byte the encoding lacks: not a name's
                if not plausible(text):
                    remaining.remove(encoding)
                    break
        if ended:
            break
    texts: dict[str, list[str]] = {}
    beyond = bytes(sorted(present))
    for encoding in remaining:
        texts.setdefault(beyond.decode(encoding), []).append(encoding)
    if len(texts) != 1:
        return Legacy(None, (), tuple(remaining))
    chosen, *agreeing = next(iter(texts.values()))
    return Legacy(chosen, tuple(agreeing), tuple(remaining))


# --------------------------------------------------------------------------
# Opening a binary file


def open_binary(stream: IO[bytes], head: bytes, reach: Reach | None = None) -> DecodedText:
    """Start reading a binary file: as UTF-16 after that encoding's byte-order mark,
    else as UTF-8 (bad bytes escaped where the file holds valid UTF-8 too, a
    UTF-8 byte-order mark included).

    ``head`` is the file's first bytes (:func:`read_head`), already read from
    ``stream``; ``reach`` bounds the search for valid UTF-8 past a bad byte.
    Raises :class:`FileRefused` for UTF-16 text with no byte-order mark.
    """
    encoding = bom_encoding(head)
    if encoding is None and looks_like_utf16(head):
        raise FileRefused(findings.file_utf16_without_bom())
    source = DecodedText(
        stream,
        encoding or UTF8,
        head=head,
        escape=encoding != UTF16,
        rereadable=stream.seekable(),
        reach=reach,
    )
    # A UTF-8 byte-order mark is a valid multi-byte sequence: the file says it is UTF-8.
    source.multibyte = encoding == UTF8
    return source


def reopen_legacy(
    stream: IO[bytes], start: int | None, error: Undecodable, reach: Reach | None = None
) -> tuple[DecodedText, Finding]:
    """After ``error``, read the file again from ``start`` in the legacy encoding it
    is in, with the warning that says so, looking no further than ``reach`` to
    tell it.

    Raises :class:`FileRefused` when the file was UTF-16, cannot be read again
    (``start`` is ``None``), or is in no encoding that can be told.
    """
    if error.encoding.startswith("utf-16") or start is None:
        tried = "UTF-16" if error.encoding.startswith("utf-16") else "UTF-8"
        raise FileRefused(findings.file_undecodable(tried, error.byte, error.offset))
    stream.seek(start)
    guess = legacy_encoding(stream, reach)
    if guess.encoding is None:
        raise FileRefused(findings.file_encoding_unknown(guess.plausible))
    stream.seek(start)
    warning = findings.file_decoded_as(guess.encoding, guess.agreeing)
    return DecodedText(stream, guess.encoding), warning


def decode_bytes(data: bytes) -> tuple[str, Finding | None]:
    """The text of a whole file, as a roster's is read, and the warning of a legacy
    encoding (``None`` for UTF-8 and UTF-16).

    Raises :class:`FileRefused` when it cannot be read: UTF-16 with no
    byte-order mark, a bad byte (in a file that is UTF-8 but for it, too), an
    encoding that cannot be told.
    """
    stream = io.BytesIO(data)
    source = open_binary(stream, read_head(stream))
    warning = None
    try:
        text = _read_all(source)
    except Undecodable as error:
        source, warning = reopen_legacy(stream, 0, error)
        text = _read_all(source)
    if source.escaped:
        offset = source.first_escaped
        raise FileRefused(findings.file_undecodable("UTF-8", data[offset], offset))
    return text, warning


def _read_all(source: DecodedText) -> str:
    return "".join(iter(lambda: source.read(BLOCK), ""))


def header_undecodable(line: str, stream: TextSource) -> Finding | None:
    """The finding that refuses a file whose header ``line`` holds a bad byte, or ``None``.

    The header is the file's first line, so its first bad byte is the file's.
    """
    if not isinstance(stream, DecodedText) or not holds_undecoded(line, stream):
        return None
    byte = ord(SURROGATE.findall(line)[0]) - 0xDC00
    return findings.file_undecodable("UTF-8", byte, stream.first_escaped, row=1)
