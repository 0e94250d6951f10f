"""Measure the legacy-encoding detector (`roster-file`): what it reads, and how fast.

For each legacy encoding the detector knows (Windows-1252, Mac Roman, DOS code
pages 437 and 850):

* each sample name alone in a one-row roster written in that encoding: the
  encoding the detector chose ("-" when it refused the file), with "!" when
  the text read differs from the text written;
* 1,200 rosters of 1 to 50 rows of random sample names: how many were read
  as the text written (by the encoding written, or another that reads the
  same text), refused, or misread.  Rosters whose names are all ASCII are
  UTF-8 and left out.

Then the time of the detector over a roster of ``--rows`` rows (default
1,000,000) in Windows-1252, against decoding it.

Run: ``python bench/encodings.py``.
"""

from __future__ import annotations

import argparse
import io
import random
import time
from collections import Counter

from cec_rules._roster import sources

NAMES = [
    "José", "Müller", "François", "Núñez", "Ørsted", "Łukasz", "Nguyễn", "Zoë", "Saldaña",
    "O’Brien", "Straße", "Ångström", "Élise", "Siobhán", "Ana María", "Þór", "JOSÉ",
    "Ada", "Grace", "Hopper", "Lovelace", "Smith",
]  # fmt: skip
HEADER = "Program ID,AAST ID,First Name,Last Name,Completion Date\r\n"


def _roster(names: list[tuple[str, str]]) -> str:
    rows = (f"PRG-1,A{n},{first},{last},2026-03-02\r\n" for n, (first, last) in enumerate(names))
    return HEADER + "".join(rows)


def _read(data: bytes) -> tuple[str | None, str | None]:
    """The encoding the detector chooses for ``data`` and the text it reads, or Nones."""
    chosen = sources.legacy_encoding(io.BytesIO(data)).encoding
    return chosen, None if chosen is None else data.decode(chosen)


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def single_names(encoding: str) -> str:
    """The detector's choice for each sample name alone, written in ``encoding``."""
    out = []
    for name in NAMES:
        try:
            data = _roster([(name, "Lovelace")]).encode(encoding)
        except UnicodeEncodeError:
            continue  # a name the encoding cannot hold
        if _is_utf8(data):
            continue
        chosen, text = _read(data)
        wrong = "!" if text is not None and text != data.decode(encoding) else ""
        out.append(f"{name}:{chosen or '-'}{wrong}")
    return " ".join(out)


def rosters(encoding: str, rng: random.Random) -> Counter[str]:
    """How rosters of random sample names written in ``encoding`` are read."""
    fits = [n for n in NAMES if n.encode(encoding, "replace").decode(encoding) == n]
    counts: Counter[str] = Counter()
    for size in (1, 2, 3, 5, 10, 50):
        for _ in range(200):
            written = _roster([(rng.choice(fits), rng.choice(fits)) for _ in range(size)])
            data = written.encode(encoding)
            if _is_utf8(data):
                continue
            chosen, text = _read(data)
            if chosen is None:
                counts["refused"] += 1
            elif text == written:
                counts["as written"] += 1
            else:
                counts["MISREAD"] += 1
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    rng = random.Random(1)
    for encoding in sources.LEGACY:
        print(f"{encoding}: {single_names(encoding)}")
        counts = rosters(encoding, rng)
        print(f"{'':{len(encoding)}}  rosters: " + ", ".join(f"{n} {k}" for k, n in counts.items()))
    big = _roster([(rng.choice(NAMES[7:9]), rng.choice(NAMES[:4])) for _ in range(args.rows)])
    data = big.encode("cp1252")
    start = time.perf_counter()
    chosen = sources.legacy_encoding(io.BytesIO(data)).encoding
    detect = time.perf_counter() - start
    start = time.perf_counter()
    data.decode("cp1252")
    decode = time.perf_counter() - start
    print(
        f"detector over {args.rows:,} rows ({len(data) / 1e6:.0f} MB): {detect:.2f} s "
        f"(chose {chosen}); decoding them: {decode:.2f} s"
    )


if __name__ == "__main__":
    main()
