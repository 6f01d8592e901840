"""Every region view, every persona: members get their page or 403, everyone else 404."""

import pytest
from django.urls import reverse

from tests.view_table import VIEW_CASES

PERSONAS = ["admin", "controller", "manager", "manager_out", "reader", "outsider"]


@pytest.mark.parametrize("case", VIEW_CASES, ids=lambda c: c.name)
@pytest.mark.parametrize("persona", PERSONAS)
def test_view_permission(world, case, persona):
    url = reverse(case.name, kwargs={"region_slug": "alfa", **case.kwargs(world)})
    response = getattr(world.client(persona), case.method)(url)
    if persona == "outsider":
        assert response.status_code == 404, "another region's user must not learn the page exists"
    elif persona in case.redirected:
        assert response.status_code == 302
    elif persona in case.allowed:
        assert response.status_code == case.ok_status
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("case", VIEW_CASES, ids=lambda c: c.name)
def test_anonymous_is_sent_to_login(world, client, case):
    url = reverse(case.name, kwargs={"region_slug": "alfa", **case.kwargs(world)})
    response = getattr(client, case.method)(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_unknown_region_is_404(world):
    assert world.client("admin").get("/finns-inte/").status_code == 404


def test_error_pages_are_swedish_and_carry_no_trace(world):
    response = world.client("manager_out").get(
        reverse("unit_edit", kwargs={"region_slug": "alfa", "pk": world.units["DIV"].pk})
    )
    assert response.status_code == 403
    assert "Ingen behörighet" in response.content.decode()
    response = world.client("admin").get("/alfa/organisation/999999/")
    assert response.status_code == 404
    assert "Sidan finns inte" in response.content.decode()
    assert "Traceback" not in response.content.decode()
