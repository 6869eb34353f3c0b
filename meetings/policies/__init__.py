"""Who may see and do what with meetings, agendas and papers, minutes, special meeting requests and actions.

One module per area (agenda, minutes, requests, register, stats), on the
roles of `roles`. Each rule is registered with `@rule` and has, beside it,
the queryset twin that says the same thing in SQL; the tests check that the
two agree. Views fetch through the get_*_for helpers, which give the same
404 for a missing row as for one the user may not see. MeetingsConfig.ready()
imports the modules, which registers their rules.
"""
