"""Login with e-mail and password, lockout after repeated failures, password reset, Argon2."""

import pytest
from django.contrib.auth.hashers import get_hasher
from django.core import mail
from django.test import Client
from django.urls import reverse

from regionplan.models import User


@pytest.fixture
def person(world):
    user = world.users["manager"]
    user.set_password("ett-riktigt-losenord")
    user.save()
    return user


def login(client, email, password):
    return client.post(reverse("login"), {"username": email, "password": password})


def test_login_with_email_lands_in_own_region(person):
    client = Client()
    response = login(client, "CHEF@alfa.test", "ett-riktigt-losenord")
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert response.status_code == 302 and response["Location"] == "/alfa/"


def test_wrong_password_gives_swedish_message(person):
    response = login(Client(), "chef@alfa.test", "fel")
    assert response.status_code == 200
    assert "Fel e-postadress eller lösenord" in response.content.decode()


def test_lockout_after_repeated_failures(person, settings):
    client = Client()
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        # Changing the case of the address does not buy more attempts.
        login(client, "chef@alfa.test" if attempt % 2 else " CHEF@Alfa.test", "fel")
    response = login(client, "chef@alfa.test", "ett-riktigt-losenord")
    assert response.status_code in (403, 429)
    assert "spärrad" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_mail_to_console_backend_and_link_works(person):
    client = Client()
    response = client.post(reverse("password_reset"), {"email": "chef@alfa.test"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/konto/losenord/" in line)
    response = client.get(link.split("testserver", 1)[1], follow=True)
    assert "Välj nytt lösenord" in response.content.decode()


def test_logout_is_a_post(person):
    client = Client()
    client.force_login(person)
    assert client.get(reverse("logout")).status_code == 405
    assert client.post(reverse("logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_argon2_is_the_production_hasher():
    # The tests swap in a fast hasher; the project's configured first hasher is Argon2.
    from regionplan import settings as project_settings

    assert project_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_argon2_hashes_a_real_password(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    user = User.objects.create_user(email="argon@test.se", password="ett-riktigt-losenord")
    assert user.password.startswith("argon2$")
    assert get_hasher().algorithm == "argon2"


def test_new_user_email_is_normalised(db):
    user = User.objects.create_user(email="Anna.Berg@Region.SE")
    assert user.email == "anna.berg@region.se"
