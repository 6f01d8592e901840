"""Account e-mails that Django's own views do not send."""

from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode


def send_welcome_email(user, domain: str, secure: bool) -> None:
    """Tell a new user their account exists, with a link to choose their first password.

    Django's password-reset form skips accounts without a usable password, which is
    exactly what a new account is, so the same one-time link is built here.
    """
    context = {
        "email": user.email,
        "domain": domain,
        "protocol": "https" if secure else "http",
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
    }
    subject = "".join(render_to_string("registration/welcome_subject.txt", context).splitlines())
    body = render_to_string("registration/welcome_email.txt", context)
    send_mail(subject, body, None, [user.email])


def axes_username(request, credentials) -> str:
    """The login name as Axes counts failures: trimmed and lower-case, like the login
    itself, so that 'Chef@Region.se' and 'chef@region.se' share one counter."""
    data = credentials if credentials else getattr(request, "POST", {})
    return (data.get("username") or "").strip().lower()
