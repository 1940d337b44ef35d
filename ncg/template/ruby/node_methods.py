"""Ruby node_methods methods (being written)."""
