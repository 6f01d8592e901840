"""Start-up checks for an installation (`manage.py check`, run by every management command
and by the server at start): settings an operator must give in operation."""

from django.conf import settings
from django.core.checks import Warning, register


@register("regionplan")
def site_url_is_set(app_configs, **kwargs):
    """In operation SITE_URL names the address users reach; without it reminder and welcome
    mails would link to 127.0.0.1."""
    if settings.DEBUG or getattr(settings, "SITE_URL_SET", True):
        return []
    return [
        Warning(
            "SITE_URL är inte satt: länkar i påminnelser och välkomstmejl pekar på http://127.0.0.1:8000.",
            hint="Sätt SITE_URL till den adress användarna når tjänsten på, t.ex. https://planering.region.se.",
            id="regionplan.W001",
        )
    ]
