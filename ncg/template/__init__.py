"""Templates: ERB with embedded Ruby, compiled to Mako over a Ruby runtime."""
