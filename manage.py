#!/usr/bin/env python
"""Django's command-line utility for regionplan."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regionplan.settings")
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(sys.argv)
    except RuntimeError as exc:  # the settings' own refusal (no SECRET_KEY in production): say it plainly
        if "SECRET_KEY" not in str(exc):
            raise
        sys.exit(f"Fel: {exc}")


if __name__ == "__main__":
    main()
