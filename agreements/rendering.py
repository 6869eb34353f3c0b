"""Render and seal one rendition: the work a worker does for agreements.tasks.render_rendition.

Quietly does nothing when the row is gone, done or in another worker's hands
(agreements.renditions plans the rows and queues them).
"""

import datetime
import hashlib
import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from agreements.canonical import canonical_text, text_hash
from agreements.models import AgreementVersion, Clause, Rendition, RenditionStatus
from agreements.pdf import render_version
from agreements.seal import seal_pdf

logger = logging.getLogger(__name__)

STALE_AFTER = datetime.timedelta(minutes=10)
MAX_ATTEMPTS = 3


def is_stuck(rendition, now):
    if rendition.status == RenditionStatus.PENDING:
        return rendition.created_at < now - STALE_AFTER
    if rendition.status == RenditionStatus.RENDERING:
        return rendition.started_at is None or rendition.started_at < now - STALE_AFTER
    return rendition.status == RenditionStatus.FAILED and rendition.attempts < MAX_ATTEMPTS


def _claim(rendition_id) -> Rendition | None:
    with transaction.atomic():
        rendition = Rendition.objects.select_for_update().filter(pk=rendition_id).first()
        if rendition is None or rendition.status == RenditionStatus.READY:
            return None
        now = timezone.now()
        if rendition.status == RenditionStatus.RENDERING and not is_stuck(rendition, now):
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
        # The PDF is printed from the records whose hash was stored at adoption, and from nothing else:
        # the clauses are read once, checked, and printed and attached as they were checked.
        clauses = list(Clause.objects.filter(version=version))
        text = canonical_text(version, clauses)
        if text_hash(text) != version.sha256 or rendition.content_sha256 != version.sha256:
            raise ValueError("The version's text no longer matches its stored hash; not rendering it.")
        signatures = list(rendition.signatures.select_related("organisation", "person"))
        rendered = render_version(version, signatures, state_key=rendition.state_key, clauses=clauses, text=text)
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


def stale_ids(now=None) -> list[int]:
    """The renditions left pending or rendering too long: their message was lost or their worker died."""
    stale = (now or timezone.now()) - STALE_AFTER
    pending = Rendition.objects.filter(status=RenditionStatus.PENDING, created_at__lt=stale)
    rendering = Rendition.objects.filter(status=RenditionStatus.RENDERING, started_at__lt=stale)
    return list(pending.values_list("pk", flat=True)) + list(rendering.values_list("pk", flat=True))
