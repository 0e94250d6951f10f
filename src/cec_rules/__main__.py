"""``python -m cec_rules`` runs the ``cec-rules`` command line."""

import sys

from cec_rules.cli import main

if __name__ == "__main__":  # pragma: no cover - exercised through a subprocess test
    sys.exit(main())
