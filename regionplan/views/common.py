"""Small helpers shared by the views."""

from django.shortcuts import render


def render_page_or_partial(request, page: str, partial: str, context: dict):
    """One partial, two uses: htmx asks for the partial, a plain request gets the page around it."""
    return render(request, partial if request.htmx else page, context)
