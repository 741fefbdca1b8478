"""No admin list answers questions about hidden values: only the filters a list offers are accepted.

Django's admin accepts any lookup on a model's fields from the URL unless told otherwise; with masked
fields (a confidential case's title, description, case officer) that is an oracle. Every registered admin,
ours and the libraries', must refuse every lookup it does not offer.
"""

import pytest
from django.contrib import admin
from django.contrib.admin.views.main import IGNORED_PARAMS
from django.db import models
from django.test import RequestFactory
from django.urls import reverse

from records.register import services
from tests.factories import UserFactory
from tests.records.factories import CaseFactory

pytestmark = pytest.mark.django_db

LOOKUPS = ["", "__exact", "__iexact", "__icontains", "__startswith", "__regex", "__isnull", "__in", "__gt"]


def offered_parameters(model_admin, user) -> set[str]:
    """What the list itself offers: its filters' parameters (shown or not yet), paging, sorting, search."""
    request = RequestFactory().get("/")
    request.user = user
    changelist = model_admin.get_changelist_instance(request)
    offered = set(IGNORED_PARAMS) | {"q", "p", "o", "e"} | model_admin.offered_lookups(request)
    for spec in changelist.filter_specs:
        offered |= set(spec.expected_parameters())
    return offered


def field_parameters(model) -> list[str]:
    names = []
    for field in model._meta.get_fields():
        if field.is_relation and (field.many_to_many or field.one_to_many or field.one_to_one and field.auto_created):
            continue
        if not getattr(field, "concrete", False):
            continue
        names.append(field.name)
        if isinstance(field, models.ForeignKey):
            names.append(field.attname)
            names.append(f"{field.name}__username" if field.related_model.__name__ == "User" else f"{field.name}__pk")
    return names


def test_every_admin_refuses_every_lookup_it_does_not_offer(client):
    superuser = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(superuser)
    refused, accepted = 0, []
    for model, model_admin in admin.site._registry.items():
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        offered = offered_parameters(model_admin, superuser)
        for name in field_parameters(model):
            for lookup in LOOKUPS:
                parameter = f"{name}{lookup}"
                value = "1" if lookup not in ("__isnull",) else "True"
                if parameter in offered or model_admin._raw_id_popup_lookup(parameter, value):
                    continue  # raw-id popups may ask for a relation's limit_choices_to, as Django allows
                response = client.get(url, {parameter: value})
                if response.status_code == 400:
                    refused += 1
                else:
                    accepted.append(f"{url}?{parameter}={value} → {response.status_code}")
    assert accepted == [], "\n".join(accepted)
    assert refused > 500  # the walk did walk


@pytest.fixture
def secret(seed_plan, make_user):
    officer = make_user(groups=["Handläggare"], username="ansvarig")
    case = CaseFactory(
        process=seed_plan["2.9.1"],
        title="Rehabilitering av Tolvan Tolvansson",
        description="Hemlig beskrivning",
        responsible=officer,
        confidentiality=services.Confidentiality(
            legal_ground="OSL 26 kap. 1 §", public_title="Ärende om stöd till enskild"
        ),
    )
    return case, officer


@pytest.mark.parametrize(
    "query",
    [
        {"title__icontains": "Tolvansson"},
        {"title__regex": "^Rehab.*"},
        {"description__icontains": "Hemlig"},
        {"responsible__exact": "OFFICER"},
        {"responsible_id": "OFFICER"},
        {"case__title__icontains": "Tolvansson"},
    ],
)
def test_a_reader_cannot_ask_the_case_list_about_hidden_values(client, secret, make_user, query):
    case, officer = secret
    client.force_login(make_user(groups=["Läsare"], username="lasare"))
    query = {key: str(officer.pk) if value == "OFFICER" else value for key, value in query.items()}
    response = client.get("/admin/records/case/", query)
    assert response.status_code == 400
    assert case.title.encode() not in response.content


def test_the_offered_officer_filter_does_not_reveal_who_holds_a_confidential_case(client, secret, make_user):
    case, officer = secret
    client.force_login(make_user(groups=["Läsare"], username="lasare"))
    response = client.get("/admin/records/case/", {"responsible": str(officer.pk)})
    assert response.status_code == 200
    assert case.pk not in [row.pk for row in response.context["cl"].result_list]
    assert officer.get_username() not in [
        label for _value, label in response.context["cl"].filter_specs[3].lookup_choices
    ]
