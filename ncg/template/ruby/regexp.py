"""Ruby regexp methods (being written)."""
