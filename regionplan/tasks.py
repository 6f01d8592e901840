"""Background tasks of the core. Tasks take ids, not objects, and are safe to run twice."""

from celery import shared_task
from celery.signals import worker_ready

from regionplan.models import User


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_welcome_email(user_id: int, domain: str, secure: bool) -> bool:
    """Send a new user the link to choose a password (an SMTP hiccup is retried with backoff).

    Returns False, sending nothing, when the user is gone or has already chosen a password.
    """
    from regionplan.accounts import send_welcome_email as send

    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or user.has_usable_password():
        return False
    send(user, domain=domain, secure=secure)
    return True


@shared_task
def sweep() -> dict:
    """Every minute (Celery beat) and when a worker starts: hand the broker what it could
    not take, and requeue jobs whose worker died (regionplan.background)."""
    from regionplan import background

    return {"sent": background.send_owed(), **background.recover_jobs()}


@worker_ready.connect
def _sweep_when_a_worker_starts(sender=None, **kwargs):
    # After an outage the first worker up does not wait for beat's next minute.
    sweep.delay()
