"""Rules of this area (registered through declarations/policies.py)."""
