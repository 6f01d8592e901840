"""Request middleware: the current region, who is acting (for the audit), security headers."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import BadRequest
from django.db import transaction
from django.http import Http404, JsonResponse
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import patch_cache_control

from regionplan import auditing, people
from regionplan.models import Region
from regionplan.permissions import roles_of
from regionplan.tenancy import region_scope


class RegionMiddleware:
    """Resolve `/<region-slug>/...` to `request.region` and run the request in its scope.

    A URL under a region's slug is served only to a logged-in member of that region
    (someone with a role there); anyone else, including members of other regions,
    gets 404, so the response does not even tell whether the region exists. The scope
    covers the view, template rendering and the middleware after this one.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.region = None
        request.roles = []
        try:
            match = resolve(request.path_info)
        except Resolver404:
            match = None
        slug = match.kwargs.get("region_slug") if match else None
        if slug is None:
            return self.get_response(request)
        if not request.user.is_authenticated:
            if getattr(match.func, "answers_api", False):  # a program, not a person: no login page
                return JsonResponse(
                    {"detail": "Autentisering krävs."}, status=401, headers={"WWW-Authenticate": "Bearer"}
                )
            return redirect_to_login(request.get_full_path())
        region = Region.objects.filter(slug=slug).first()
        if region is None:
            raise Http404
        with region_scope(region):
            roles = roles_of(request.user)
            if not roles:
                raise Http404
            people.know(request.user, roles[0].member_name or "")  # the page header shows it
            request.region = region
            request.roles = roles
            if request.session.get("last_region") != slug:
                request.session["last_region"] = slug  # only on change: a write costs three queries
            return self.get_response(request)


class RefuseNulMiddleware:
    """Answer 400 to a request whose path or query string holds a NUL byte. No link of
    ours makes one, and PostgreSQL refuses NUL in text, so one that reached a query would
    be a server error; refusing it here covers every URL parameter of every view at once.
    Form fields are the forms' to explain next to the field ("Null-tecken är inte
    tillåtna"), and the few read raw go through regionplan.params."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in request.GET.getlist(key)) for key in request.GET
        ):
            raise BadRequest("NUL in the request")
        return self.get_response(request)


class AtomicWritesMiddleware:
    """Run every request that may change data (POST, PUT, PATCH, DELETE) in one transaction,
    rolled back when the answer is a server error. A request that fails half-way (an
    exception after a first write) therefore leaves nothing behind, so "ingenting
    sparades" on the error page is true; what it queued in the background is never handed
    over (regionplan.background). Refusals (4xx) commit: a failed login must be counted.
    Reading pages (GET, HEAD) run outside, as before."""

    UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in self.UNSAFE:
            return self.get_response(request)
        with transaction.atomic():
            response = self.get_response(request)
            if response.status_code >= 500:
                transaction.set_rollback(True)
        return response


class AuditActorMiddleware:
    """Attribute every change made during the request to the logged-in user."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user if request.user.is_authenticated else None
        with auditing.acting_as(user):
            return self.get_response(request)


class SecurityHeadersMiddleware:
    """Send the content security policy (everything the pages need is served from here),
    and keep every page and download out of shared and browser caches: they are one
    person's view of a region's data (a shared computer's back button, a proxy). Static
    files do not pass here (WhiteNoise answers them first, cacheable)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        if "Cache-Control" not in response.headers:
            patch_cache_control(response, private=True, no_store=True)
        return response


class LanguageMiddleware:
    """Swedish unless the user chose English with the language switch (a cookie).

    Unlike Django's LocaleMiddleware this ignores the browser's Accept-Language: a
    Swedish region's tool speaks Swedish even on an English-configured computer.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response
