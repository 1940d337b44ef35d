"""Ruby hash methods (being written)."""
