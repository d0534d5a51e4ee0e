"""Print which instruments and reason codes the example tests exercise, against those the rulebook implies.

Runs the whole test suite (coverage of part of it would say nothing) with ``--provision-report``, and exits with
pytest's status: non-zero if any instrument the rules refer to, or any reason code they build, is never
exercised. Hypothesis searches are not counted, so the report is the same under every profile; the quick
``dev`` profile is used unless HYPOTHESIS_PROFILE says otherwise.

Usage, from the project's root: ``python scripts/provision_coverage.py [more pytest options]``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    """Run the suite with the provision report; return pytest's exit status."""
    environment = {**os.environ, "HYPOTHESIS_PROFILE": os.environ.get("HYPOTHESIS_PROFILE", "dev")}
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--provision-report", *argv]
    return subprocess.call(command, cwd=ROOT, env=environment)  # noqa: S603 - our own interpreter and pytest


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
