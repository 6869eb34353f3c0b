"""What the bodies app tells the apps above it, inside the action's own transaction.

`body_renamed` is sent by `rename_body` with `old` and `new` (the record that carries the body on under its
new name), so that what follows a body can follow it under its new name (following/ connects it in ready()).
A receiver writes in the caller's transaction: its work is kept exactly when the rename is.
"""

from django.dispatch import Signal

body_renamed = Signal()
