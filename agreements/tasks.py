"""Celery tasks of the agreements app. They take ids and refetch; the rows hold the truth (agreements.renditions)."""

from celery import shared_task

from agreements import rendering


@shared_task(ignore_result=True)
def render_rendition(rendition_id: int) -> None:
    """Render and seal one rendition of a version; nothing happens if it is gone or already done."""
    rendering.render(rendition_id)


@shared_task(ignore_result=True)
def sweep_renditions() -> None:
    """Queue again the renditions whose message was lost or whose worker died (a lost message costs a delay only)."""
    for rendition_id in rendering.stale_ids():
        render_rendition.delay(rendition_id)
