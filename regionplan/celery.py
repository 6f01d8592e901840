"""The Celery application. Tasks run in-process (eagerly) when REDIS_URL is unset."""

import os

from celery import Celery
from celery.signals import task_postrun, task_prerun

from regionplan import logs

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regionplan.settings")

app = Celery("regionplan")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# A task's log records carry its id, name and the ids it was given (regionplan/logs.py).
task_prerun.connect(logs.task_started, weak=False)
task_postrun.connect(logs.task_finished, weak=False)
