"""How a page benchmark starts (import it before anything of Django): its own PostgreSQL
database, named by the script's prefix (and `_small` for the 1/10 run) unless DATABASE_URL
says otherwise, the quick start's settings (DEBUG=1: a developer's tool), and Django set up."""

from __future__ import annotations

import os
import sys


def start_django(database_prefix: str, small: bool, script: str) -> None:
    """Point Django at the benchmark's database and set it up; refuse anything but PostgreSQL
    (the figures are PostgreSQL's)."""
    name = database_prefix + ("_small" if small else "")
    os.environ.setdefault("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/" + name)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regionplan.settings")
    os.environ.setdefault("DEBUG", "1")
    if not os.environ["DATABASE_URL"].startswith("postgres"):
        sys.exit(f"bench/{script} needs PostgreSQL (DATABASE_URL=postgresql://…)")
    import django

    django.setup()


def machine_line() -> str:
    """What the figures were measured on, as the first line of a benchmark's output."""
    import platform

    import django
    from django.conf import settings
    from django.db import connection

    return (
        f"database: PostgreSQL {connection.pg_version // 10000} {settings.DATABASES['default']['NAME']}; "
        f"Python {platform.python_version()}, Django {django.get_version()}, {os.cpu_count()} cores, "
        f"DEBUG={settings.DEBUG}; load average {os.getloadavg()[0]:.1f}"
    )
