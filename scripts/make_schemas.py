"""Write the JSON Schemas of cec_rules.schemas from the library's types.

    python scripts/make_schemas.py          # rewrite src/cec_rules/schemas/*.schema.json
    python scripts/make_schemas.py --check  # exit 1 when a file is stale

The schemas are built by ``cec_rules.schemas.generate`` (which says how);
``tests/test_json.py`` fails when the files are not what it writes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from cec_rules.schemas import generate  # noqa: E402

DIRECTORY = ROOT / "src" / "cec_rules" / "schemas"


def main() -> int:
    """Write the files, or with ``--check`` say which are stale."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if stale")
    args = parser.parse_args()
    if not args.check:
        for path in generate.write(DIRECTORY):
            print(path.relative_to(ROOT))
        return 0
    stale = [
        name
        for name in generate.SCHEMAS
        if not (DIRECTORY / f"{name}.schema.json").is_file()
        or (DIRECTORY / f"{name}.schema.json").read_text(encoding="utf-8") != generate.render(name)
    ]
    for name in stale:
        print(f"stale: {name}.schema.json; run python scripts/make_schemas.py")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
