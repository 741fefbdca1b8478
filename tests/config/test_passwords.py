"""Passwords: at least 12 characters, not common, not only digits, not like the user's name, and not one
character over and over."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError


@pytest.mark.parametrize("password", ["aaaaaaaaaaaa", "abababababababab", "111112222211111", "zzzzzzzzzzzzzzzzzzzz"])
def test_it_rejects_a_password_of_too_few_different_characters(password):
    with pytest.raises(ValidationError) as error:
        validate_password(password)
    assert "Lösenordet måste innehålla minst 6 olika tecken." in error.value.messages


@pytest.mark.parametrize("password", ["Vår-gröna-kanot-7", "korrekt häst batteri häftklammer"])
def test_it_accepts_a_long_varied_password(password):
    validate_password(password)


@pytest.mark.django_db
def test_the_admin_refuses_such_a_password_in_swedish_and_keeps_the_old_one(client, make_user):
    admin = make_user(is_superuser=True)
    user = make_user(username="rut")
    client.force_login(admin)
    response = client.post(
        f"/admin/auth/user/{user.pk}/password/",
        {"password1": "aaaaaaaaaaaa", "password2": "aaaaaaaaaaaa", "usable_password": "true"},
    )
    assert response.status_code == 200
    assert "Lösenordet måste innehålla minst 6 olika tecken." in response.content.decode()
    user.refresh_from_db()
    assert user.check_password("test-password-123")
