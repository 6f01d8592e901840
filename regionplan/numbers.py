"""Swedish number formatting and parsing: decimal comma, (non-breaking) space between thousands."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

NBSP = "\u00a0"


def format_number(value, decimals: int | None = None) -> str:
    """1234567.5 -> '1 234 567,5' (with non-breaking spaces); None -> ''."""
    if value is None or value == "":
        return ""
    number = Decimal(str(value))
    if decimals is not None:
        number = round(number, decimals)
        if number == 0:
            number = abs(number)  # −0,4 shown without decimals is 0, not "−0"
        text = f"{number:,.{decimals}f}"
    else:
        text = f"{number.normalize():,f}" if number == number.to_integral() else f"{number:,f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
    sign = "−" if text.startswith("-") else ""
    text = text.lstrip("-")
    return sign + text.replace(",", NBSP).replace(".", ",")


_SPACES = re.compile(r"[\s\u00a0\u202f]")


def parse_number(text: str) -> Decimal | None:
    """Read '7,4', '1 234,5', '1\u00a0234', '−3,2' or '7.4' as a Decimal; None if it is not a number."""
    if text is None:
        return None
    cleaned = _SPACES.sub("", str(text)).replace("−", "-").replace(",", ".")
    if not cleaned or cleaned.count(".") > 1:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None
