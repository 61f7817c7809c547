"""The error every `etl` command raises for bad input from its command line."""

from __future__ import annotations


class BadInput(ValueError):
    """Input the command refuses before doing anything: shown as one line, exit code 2."""
