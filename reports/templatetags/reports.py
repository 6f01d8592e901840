"""Template helpers of the reports: one table cell, whatever its kind."""

from django import template
from django.utils.html import format_html

from regionplan import status as status_module
from regionplan.numbers import format_number
from reports.assembly import NUMBER, PERCENT, STATUS

register = template.Library()


@register.simple_tag
def report_cell(value, column):
    """A cell as shown on screen and in the PDF: a status as icon + word (never colour
    alone), a number in Swedish format, a percentage with its sign, text escaped."""
    if value is None or value == "":
        return ""
    if column.kind == STATUS:
        look = status_module.look(value)
        return format_html('<span class="status {}"><span class="status-icon" aria-hidden="true">{}</span> {}</span>',
                           look.css_class, look.icon, look.label)
    if column.kind == NUMBER:
        return format_number(value, column.decimals)
    if column.kind == PERCENT:
        return f"{format_number(value, column.decimals)} %"
    return value


@register.simple_tag
def section_html(section):
    """A section's text as sanitised HTML (reports.texts: no raw HTML, no script, ever)."""
    from django.utils.safestring import mark_safe

    from reports.texts import to_html

    return mark_safe(to_html(section.text))  # nosec: sanitised by markdown-it (html off) and nh3
