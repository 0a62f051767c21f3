"""`python -m sitrep` runs the CLI."""

from sitrep.cli import run

run()
