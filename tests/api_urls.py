"""The project's URLs plus one API-shaped view, for the test that an API call without a
session gets 401 rather than the login page (tests/core/test_api_gate.py)."""

from django.http import JsonResponse
from django.urls import include, path

from regionplan.urls import urlpatterns as project
from regionplan.views.common import api


@api
def whoami(request, region_slug):
    return JsonResponse({"region": request.region.slug, "roles": sorted(a.role for a in request.roles)})


urlpatterns = [path("<slug:region_slug>/api/vem/", whoami, name="test_api_whoami"), path("", include(project))]
