"""Template helpers for measure values: a number with its measure's unit, in Swedish."""

from django import template

from goals.units import format_value

register = template.Library()


@register.filter
def with_unit(value, unit=""):
    """{{ value|with_unit:measure.measure_unit }} -> '1 234,5 sekunder', '12 %', 'Ja'; '' without a value."""
    try:
        return format_value(value, unit or "")
    except (ValueError, ArithmeticError, TypeError):
        return value
