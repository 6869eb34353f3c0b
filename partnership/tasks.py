"""The base's periodic work, run by Celery beat (CELERY_BEAT_SCHEDULE in config/settings.py)."""

from celery import shared_task

from partnership import sessions


@shared_task(ignore_result=True)
def purge_sign_ins() -> int:
    """Daily: delete the records of sessions that ended more than SIGN_IN_RECORD_DAYS ago."""
    return sessions.purge_ended()
