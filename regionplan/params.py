"""Numbers from a request (query string, form fields), read one way everywhere.

Only ASCII digits count: `"²".isdigit()` is true and `int("٢٠٢٦")` is 2026, and neither is
something a link of ours sends. At most 18 digits, so that an id always fits PostgreSQL's
bigint. Anything else is "no number" (None), which the views turn into their default or a
404 — never a server error. Table-driven tests: tests/core/test_params.py.
"""

from __future__ import annotations

import re

from django.http import Http404

_NUMBER = re.compile(r"[0-9]{1,18}")
YEARS = range(2000, 2101)  # a plan or report year outside this is a typo


def parse_int(value) -> int | None:
    """A non-negative whole number (an id, a page), or None."""
    if value is None:
        return None
    text = str(value).strip()
    return int(text) if _NUMBER.fullmatch(text) else None


def parse_year(value) -> int | None:
    """A plausible year (2000–2100), or None."""
    number = parse_int(value)
    return number if number in YEARS else None


def text_or_404(value) -> str:
    """A code from the request (a period's, say) to look up, or 404 when it cannot be one:
    a NUL, which PostgreSQL refuses in text, or longer than any code."""
    text = str(value or "").strip()
    if "\x00" in text or len(text) > 100:
        raise Http404
    return text


def int_or_404(value) -> int:
    """An id from the request, or 404 (a link that cannot be ours)."""
    number = parse_int(value)
    if number is None:
        raise Http404
    return number
