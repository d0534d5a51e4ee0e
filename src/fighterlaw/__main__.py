"""``python -m fighterlaw``: the command line."""

from fighterlaw.cli import run

run()
