"""Template helpers of the reports: one table cell, whatever its kind."""

from django import template
from django.utils.html import conditional_escape

from regionplan.numbers import format_number
from regionplan.tables import NUMBER, PERCENT, STATUS, Noted
from regionplan.templatetags.regionplan import status_badge

register = template.Library()


@register.simple_tag
def report_cell(value, column):
    """A cell as shown on screen and in the PDF: a status as icon + word (never colour
    alone), a number in Swedish format, a percentage with its sign, text escaped."""
    if value is None or value == "":
        return ""
    if isinstance(value, Noted):
        from django.utils.html import format_html

        if not value.note:
            return value.text
        return format_html('{}<small class="cell-note">{}</small>', value.text, value.note)
    if column.kind == STATUS:
        return status_badge(value)
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


def _cell_class(column, in_body: bool) -> str:
    if column.kind in (NUMBER, PERCENT):
        return ' class="num"'
    return ' class="nowrap"' if in_body and column.kind == STATUS else ""


@register.simple_tag
def dash_table(table):
    """A dashboard table (a chart's numbers, units compared) in a region that scrolls sideways
    on a narrow screen instead of the page, named by its caption and reachable with the
    keyboard. Built here rather than in a template: a drill-down shows ten charts' tables of
    up to 24 rows, and the template engine spent more time on them than the database."""
    from django.utils.html import escape
    from django.utils.safestring import mark_safe

    key = escape(table.key)
    parts = [
        f'<div class="table-scroll" role="region" aria-labelledby="{key}-caption" tabindex="0">',
        '<table class="report-table dash-table">',
        f'<caption id="{key}-caption">{escape(table.title)}</caption>',
        "<thead><tr>",
    ]
    parts += [f'<th scope="col"{_cell_class(c, False)}>{escape(c.header)}</th>' for c in table.columns]
    parts.append("</tr></thead><tbody>")
    for row in table.shown_rows():
        parts.append(
            "<tr>"
            + "".join(
                f"<td{_cell_class(column, True)}>{conditional_escape(report_cell(value, column))}</td>"
                for value, column in row
            )
            + "</tr>"
        )
    parts.append("</tbody>")
    total = table.shown_total()
    if total:
        parts.append(
            "<tfoot><tr>"
            + "".join(
                f"<td{_cell_class(column, False)}>{conditional_escape(report_cell(value, column))}</td>"
                for value, column in total
            )
            + "</tr></tfoot>"
        )
    parts.append("</table></div>")
    return mark_safe("".join(parts))  # nosec: every value above is escaped or built by format_html
