"""Small helpers shared by the views."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import render
from django.utils.cache import patch_vary_headers


# A form sent with htmx that has errors answers 422 (and its partial is swapped in); a
# plain form answers 400. htmx swaps 409 and 422 (base.html), and in DEBUG django-htmx
# shows 400 responses as error pages.
def invalid_status(request) -> int:
    """What a refused form answers: 400, or 422 to htmx (which then swaps in the errors)."""
    return 422 if getattr(request, "htmx", False) else 400


def form_status(request, *forms) -> int:
    """The status of a page showing forms: invalid_status() if any of them has errors, else 200."""
    return invalid_status(request) if any(form is not None and form.errors for form in forms) else 200


def api(view):
    """Mark a region view as an API endpoint: an unauthenticated call gets 401 (JSON),
    not the login page. Whoever authenticates the call (a token, later) sets request.user
    before the region middleware, which then loads its roles (permissions.roles_of) and
    answers 404 to a non-member exactly as for pages."""
    view.answers_api = True
    return view


def form_data(request):
    """The POST data to bind a form to, or None on GET. (`request.POST or None` would treat
    an empty POST, e.g. a form with one unticked checkbox, as a GET.)"""
    return request.POST if request.method == "POST" else None


def form_files(request):
    return request.FILES if request.method == "POST" else None


def render_page_or_partial(request, page: str | None, partial: str, context: dict, status: int = 200):
    """The one htmx idiom. One partial, two uses: htmx asks for the partial, a plain request
    gets the page around it (`page` None: an answer only htmx asks for). Always with
    `Vary: HX-Request`, so that no cache serves one for the other."""
    response = render(request, partial if request.htmx or page is None else page, context, status=status)
    patch_vary_headers(response, ("HX-Request",))
    return response


def save_or_explain(form, save) -> bool:
    """Run `save` atomically; a rule the model enforces (depth, one root, cycles) becomes
    a form error next to its field instead of a server error, and nothing is saved."""
    try:
        with transaction.atomic():
            save()
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, messages in error.message_dict.items():
                form.add_error(field if field in form.fields else None, messages)
        else:
            form.add_error(None, error.messages)
        return False
    return True
