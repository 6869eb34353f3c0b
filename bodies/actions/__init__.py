"""The secretariat's changes to bodies, memberships and organisations, by area.

- `bodies.actions.bodies`: a body's life (establish, make active, end, merge,
  replace, rename), its details and terms of reference, its links and seats;
- `bodies.actions.memberships`: save, end and review a membership;
- `bodies.actions.organisations`: an organisation's withdrawal.

Each action is one durable transaction with a keyword-only actor, checks its
records with `full_clean()` and stamps the history rows it writes
(partnership.audit). Two membership steps, `save_membership` and
`end_membership`, are building blocks that another action may call (a ruling
on a declaration ends and reopens memberships), so they are not durable.
"""
