"""Errors the library raises; only the CLI turns them into one-line messages."""

from __future__ import annotations

import click


class SitrepError(click.ClickException):
    """Base of every expected failure: a clear message, exit status 1, no traceback."""

    exit_code = 1


class ConfigError(SitrepError):
    """A report or rules file is malformed: the message names file, line and what was expected."""


class SourceError(SitrepError):
    """A source could not be read at all."""


class RenderError(SitrepError):
    """The brief could not be rendered (a template or a missing system library)."""


class DeliveryError(SitrepError):
    """The brief could not be delivered."""
