"""regionplan: the project package and its core (tenancy, organisation, roles, calendar, audit)."""

from .celery import app as celery_app

__all__ = ("celery_app",)
