"""Layer 0: domain values, code tables and the exception hierarchy. No I/O."""
