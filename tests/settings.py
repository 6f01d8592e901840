"""The test suite's settings: the project's own, read as in the quick start (`DEBUG=1` when
the module loads; pytest-django turns DEBUG off again while the tests run). Subprocesses a
test starts (a Celery worker, `manage.py`) inherit the variable."""

import os

os.environ.setdefault("DEBUG", "1")

from regionplan.settings import *  # noqa: E402,F403
