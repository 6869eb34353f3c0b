"""Who may see and do what with registers, declarations, rulings, disputes and gifts."""
