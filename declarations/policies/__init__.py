"""Who may see and do what with registers, declarations, rulings, disputes and gifts.

One module per area (interests, rulings, gifts); DeclarationsConfig.ready()
imports them, which registers their rules with the permission backend.
"""
