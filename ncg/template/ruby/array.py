"""Ruby array methods (being written)."""
