"""Ruby string methods (being written)."""
