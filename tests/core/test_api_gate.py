"""An API view under a region: no session is a 401 (JSON), a member gets the answer with
its roles loaded as for pages, and another region's user still gets 404."""

import pytest


@pytest.fixture(autouse=True)
def api_urls(settings):
    settings.ROOT_URLCONF = "tests.api_urls"


def test_without_a_session_an_api_view_answers_401_not_the_login_page(world, client):
    response = client.get("/alfa/api/vem/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer" and response.json() == {"detail": "Autentisering krävs."}


def test_a_member_is_answered_and_another_regions_user_gets_404(world):
    assert world.client("manager").get("/alfa/api/vem/").json() == {"region": "alfa", "roles": ["chef"]}
    assert world.client("outsider").get("/alfa/api/vem/").status_code == 404


def test_pages_still_send_people_to_the_login_page(world, client):
    response = client.get("/alfa/")
    assert response.status_code == 302 and "/konto/logga-in/" in response["Location"]
