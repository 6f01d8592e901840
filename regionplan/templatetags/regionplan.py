"""Template helpers: status badges, Swedish numbers, permission checks."""

from django import template
from django.utils.html import format_html

from regionplan import people
from regionplan import status as status_module
from regionplan.numbers import format_number
from regionplan.permissions import Action, can

register = template.Library()


@register.simple_tag
def status_badge(value):
    """A status as icon shape + word + colour: never colour alone. The one markup of a
    status, on every page, in reports and in the PDF."""
    look = status_module.look(value)
    return format_html(
        '<span class="status {}"><span class="status-icon" aria-hidden="true">{}</span> {}</span>',
        look.css_class,
        look.icon,
        look.label,
    )


@register.simple_tag
def status_icon(value):
    """Only a status's icon (where its word is given beside it, e.g. in a matrix cell's label)."""
    return status_module.look(value).icon


@register.simple_tag
def status_css():
    """The status classes' colours (for stylesheets rendered by a template, as the PDF's)."""
    from django.utils.safestring import mark_safe

    return mark_safe(status_module.css_rules())  # nosec: built from the constants in regionplan.status


@register.filter
def number(value, decimals=None):
    """{{ value|number:1 }} -> '1 234,5'."""
    try:
        return format_number(value, int(decimals) if decimals not in (None, "") else None)
    except (ValueError, ArithmeticError, TypeError):
        return value


@register.simple_tag(takes_context=True)
def may(context, action, unit=None):
    """{% may "administer" unit as allowed %}: the permission helper, for templates."""
    return can(context["request"], Action(action), unit)


@register.filter
def person(user):
    """{{ run.requested_by|person }}: the current region's name for the user, else e-mail,
    else "–" (a removed user). Never the name another region gave a shared account."""
    return people.display_name(user)


@register.filter
def region_name(user):
    """{{ a.user|region_name }}: the current region's name for the user, or nothing."""
    return people.region_name(user)


@register.inclusion_tag("includes/background_notice.html")
def background_notice():
    """On a page that starts background work: say so while the broker cannot be reached.
    What is started meanwhile is saved and runs when it is back (regionplan.background)."""
    from regionplan import background

    return {"down": background.broker_down()}
