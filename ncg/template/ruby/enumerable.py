"""Ruby enumerable methods (being written)."""
