"""The Celery application. Tasks run in-process (eagerly) when REDIS_URL is unset."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regionplan.settings")

app = Celery("regionplan")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
