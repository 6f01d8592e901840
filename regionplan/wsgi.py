"""WSGI entry point (gunicorn regionplan.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regionplan.settings")
application = get_wsgi_application()
