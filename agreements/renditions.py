"""Renditions: the sealed PDF of a version as it stands (its text and its signatures), made once per state.

A rendition is first a row (pending); a Celery task renders and seals it
(agreements.tasks, doing agreements.rendering's work), and the file is
stored and served again for as long as the state is the same. The state key is unique, so the same state is never
rendered twice; a new signature is a new state. A row left pending or
rendering too long is taken up again by the sweeper or the next request.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from agreements import signing
from agreements.models import AgreementVersion, Rendition, Signature
from agreements.rendering import is_stuck
from agreements.tasks import render_rendition


def _signatures(version):
    return list(Signature.objects.filter(version=version).select_related("organisation", "person"))


def enqueue(rendition_id: int) -> None:
    """Ask a worker to render the rendition once the current transaction commits."""
    transaction.on_commit(lambda: render_rendition.delay(rendition_id))


def request_rendition(version: AgreementVersion) -> Rendition:
    """The rendition of the version as it stands now; a new one is created and queued if there is none."""
    signatures = _signatures(version)
    key = signing.state_key(version, signatures)
    rendition = Rendition.objects.filter(state_key=key).first()
    if rendition is None:
        try:
            with transaction.atomic():
                rendition = Rendition.objects.create(version=version, state_key=key, content_sha256=version.sha256)
                rendition.signatures.set(signatures)
        except IntegrityError:
            # Someone asked for the same state at the same moment: theirs is the one.
            return Rendition.objects.get(state_key=key)
        enqueue(rendition.pk)
    elif is_stuck(rendition, timezone.now()):
        enqueue(rendition.pk)
    return rendition
