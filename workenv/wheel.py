"""The SAM year as a wheel (SVG): twelve month sectors from twelve o'clock, each activity a
mark at its due day on its own ring, its state told by shape and word as well as colour
(● klar, ▲ pågår, ■ försenad, ○ kommande), and a hand at today. The page shows the same as a
list beside it (the wheel's text alternative)."""

from __future__ import annotations

import datetime

from django.utils.html import escape
from django.utils.translation import gettext as _

from regionplan.periods import month_short
from regionplan.status import look
from workenv import rules_year

SIZE, CENTRE = 420, 210
OUTER, LABEL = 200, 180


def svg(year: int, activities: list, today: datetime.date) -> str:
    """The wheel of `activities` (objects with name, starts_on, due_on, done_on) for the
    year: a standalone <svg> with role="img", its title and description."""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE} {SIZE}" width="{SIZE}" height="{SIZE}" '
        f'role="img" aria-labelledby="wheel-title wheel-desc" class="year-wheel">',
        f'<title id="wheel-title">{escape(_("Årshjul %(year)s") % {"year": year})}</title>',
        f'<desc id="wheel-desc">{escape(_("Årets aktiviteter per månad; samma uppgifter finns i listan."))}</desc>',
    ]
    for month in range(1, 13):
        fill = "#f6f8fa" if month % 2 else "#ffffff"
        parts.append(
            f'<path d="{rules_year.sector_path(CENTRE, CENTRE, OUTER, month)}" fill="{fill}" stroke="#8c959f" />'
        )
        x, y = rules_year.point(CENTRE, CENTRE, LABEL, (month - 0.5) * 30)
        name = month_short(month)
        parts.append(
            f'<text x="{x}" y="{y}" text-anchor="middle" dominant-baseline="middle" font-size="13">{name}</text>'
        )
    rings = max(len(activities), 1)
    step = 120 / rings
    for index, activity in enumerate(activities):
        r = 40 + step * (index + 0.5)
        state = rules_year.state(activity.starts_on, activity.due_on, activity.done_on, today)
        style = look(rules_year.STATE_STATUS[state])
        a0, a1 = rules_year.angle(activity.starts_on), rules_year.angle(activity.due_on)
        x0, y0 = rules_year.point(CENTRE, CENTRE, r, a0)
        x1, y1 = rules_year.point(CENTRE, CENTRE, r, a1)
        large = 1 if a1 - a0 > 180 else 0
        label = f"{activity.name}: {rules_year.state_label(state)}, {activity.due_on.isoformat()}"
        parts.append(
            f"<g><title>{escape(label)}</title>"
            f'<path d="M{x0},{y0} A{r},{r} 0 {large} 1 {x1},{y1}" fill="none" stroke="{style.colour}" '
            f'stroke-width="{max(2, min(8, step - 2)):.1f}" stroke-linecap="round" />'
            f'<text x="{x1}" y="{y1}" text-anchor="middle" dominant-baseline="middle" font-size="12" '
            f'fill="{style.colour}">{style.icon}</text></g>'
        )
    if today.year == year:
        x, y = rules_year.point(CENTRE, CENTRE, OUTER, rules_year.angle(today))
        parts.append(f'<line x1="{CENTRE}" y1="{CENTRE}" x2="{x}" y2="{y}" stroke="#1f2328" stroke-width="2" />')
        parts.append(f'<circle cx="{CENTRE}" cy="{CENTRE}" r="4" fill="#1f2328" />')
    parts.append("</svg>")
    return "".join(parts)
