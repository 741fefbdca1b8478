"""The registration form links to the guides of the chosen process (through the CMS's API)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_registration_form_points_at_the_guides_of_the_chosen_process(seed_plan, client, make_user):
    from cms.demo import load as load_guides

    load_guides(type("Out", (), {"write": lambda self, *a, **k: None})())
    client.force_login(make_user(groups=["Registrator"]))
    page = client.get(reverse("admin:records_case_add"), {"process": "2.9.1"}).content.decode()
    guides_url = reverse("api-process-guides", args=["2.9.1"])
    assert f'data-url="{guides_url}"' in page

    guides = client.get(guides_url).json()
    assert "Hantera en arbetsorder som entreprenör" in [guide["title"] for guide in guides]
