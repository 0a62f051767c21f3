"""sitrep: turn crisis reporting into a humanitarian situation report."""

__version__ = "0.1.0"
