"""ncg: the Netomata Config Generator, ported to Python."""

__version__ = "0.10.3"
