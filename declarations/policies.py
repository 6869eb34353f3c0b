"""Who may see and do what with registers, declarations, rulings, disputes and gifts.

The rules live beside each area (policies_interests, policies_rulings,
policies_gifts); importing them here registers them with the backend.
"""

from declarations import policies_gifts, policies_interests, policies_rulings  # noqa: F401
