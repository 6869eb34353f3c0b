"""Renditions: the sealed PDF of a version as it stands (its text and its signatures), made once per state.

A rendition is first a row (pending); a Celery task renders and seals it
(agreements.tasks), and the file is stored and served again for as long as
the state is the same. The state key is unique, so the same state is never
rendered twice; a new signature is a new state. A row left pending or
rendering too long is taken up again by the sweeper or the next request.
"""

import datetime
import hashlib
import logging

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from agreements import signing
from agreements.canonical import current_hash
from agreements.models import AgreementVersion, Rendition, RenditionStatus, Signature
from agreements.pdf import render_version
from agreements.seal import seal_pdf

logger = logging.getLogger(__name__)

STALE_AFTER = datetime.timedelta(minutes=10)
MAX_ATTEMPTS = 3


def _signatures(version):
    return list(Signature.objects.filter(version=version).select_related("organisation", "person"))


def enqueue(rendition_id: int) -> None:
    """Ask a worker to render the rendition once the current transaction commits."""
    from agreements.tasks import render_rendition

    transaction.on_commit(lambda: render_rendition.delay(rendition_id))


def _is_stuck(rendition, now):
    if rendition.status == RenditionStatus.PENDING:
        return rendition.created_at < now - STALE_AFTER
    if rendition.status == RenditionStatus.RENDERING:
        return rendition.started_at is None or rendition.started_at < now - STALE_AFTER
    return rendition.status == RenditionStatus.FAILED and rendition.attempts < MAX_ATTEMPTS


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
    elif _is_stuck(rendition, timezone.now()):
        enqueue(rendition.pk)
    return rendition


def _claim(rendition_id) -> Rendition | None:
    with transaction.atomic():
        rendition = Rendition.objects.select_for_update().filter(pk=rendition_id).first()
        if rendition is None or rendition.status == RenditionStatus.READY:
            return None
        now = timezone.now()
        if rendition.status == RenditionStatus.RENDERING and not _is_stuck(rendition, now):
            return None
        rendition.status = RenditionStatus.RENDERING
        rendition.started_at = now
        rendition.attempts += 1
        rendition.error = ""
        rendition.save(update_fields=["status", "started_at", "attempts", "error"])
        return rendition


def render(rendition_id: int) -> Rendition | None:
    """Render and seal the rendition, then store it. Quietly does nothing if it is gone, done or in hand."""
    rendition = _claim(rendition_id)
    if rendition is None:
        return None
    version = AgreementVersion.objects.select_related("agreement", "adopted_at").get(pk=rendition.version_id)
    try:
        # The PDF is printed from the records whose hash was stored at adoption, and from nothing else.
        if current_hash(version) != version.sha256 or rendition.content_sha256 != version.sha256:
            raise ValueError("The version's text no longer matches its stored hash; not rendering it.")
        signatures = list(rendition.signatures.select_related("organisation", "person"))
        rendered = render_version(version, signatures, state_key=rendition.state_key)
        sealed = seal_pdf(rendered.pdf, reason=f"{version.agreement.title}, {version.label}: SHA-256 {version.sha256}")
    except Exception as error:
        logger.exception("Rendition %s of version %s failed", rendition.pk, version.pk)
        rendition.status = RenditionStatus.FAILED
        rendition.error = f"{type(error).__name__}: {error}"[:2000]
        rendition.finished_at = timezone.now()
        rendition.save(update_fields=["status", "error", "finished_at"])
        return rendition
    rendition.file.save(f"{rendition.state_key}.pdf", ContentFile(sealed), save=False)
    rendition.file_sha256 = hashlib.sha256(sealed).hexdigest()
    rendition.pages = rendered.pages
    rendition.status = RenditionStatus.READY
    rendition.finished_at = timezone.now()
    rendition.save(update_fields=["file", "file_sha256", "pages", "status", "finished_at"])
    return rendition


def sweep(now=None) -> int:
    """Queue again every rendition left pending or rendering too long (a lost message costs a delay only)."""
    now = now or timezone.now()
    stale = now - STALE_AFTER
    ids = list(
        Rendition.objects.filter(status=RenditionStatus.PENDING, created_at__lt=stale).values_list("pk", flat=True)
    ) + list(
        Rendition.objects.filter(status=RenditionStatus.RENDERING, started_at__lt=stale).values_list("pk", flat=True)
    )
    for pk in ids:
        enqueue(pk)
    return len(ids)
