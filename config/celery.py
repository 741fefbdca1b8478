"""The Celery app. Without CELERY_BROKER_URL tasks run in-process and beat uses a local transport."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("ordna")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="ordna.ping")
def ping() -> str:
    """Health check: a worker that answers is consuming from the configured broker."""
    return "pong"
