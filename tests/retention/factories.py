"""Factories for the retention tests: rules through the services, cases closed on a given day."""

import datetime

import factory

from records.models import Direction
from records.register import services as records_services
from retention import services
from retention.models import RetentionRule
from tests.factories import UserFactory


class RuleFactory(factory.django.DjangoModelFactory):
    """RuleFactory(node=node, years=2) — saved through retention.services.save_rule."""

    class Meta:
        model = RetentionRule

    node = None
    document_type = None
    action = "gallras"
    years = 2
    months = None
    trigger = "case_closed"
    authority = "GA 2019/3"
    note = ""

    class Params:
        preserve = factory.Trait(action="bevaras", years=None, months=None)
        obsolete = factory.Trait(action="gallras_vid_inaktualitet", years=None, months=None)

    @classmethod
    def _create(cls, model_class, **kwargs):
        return services.save_rule(services.RuleData(**kwargs), user=None)


def closed_case(
    process,
    closed_on: datetime.date,
    *,
    opened_on: datetime.date | None = None,
    title="Ärende",
    confidential: bool = False,
    documents=(),
    user=None,
):
    """A case registered (backdated) and closed on `closed_on`; documents are (date, document_type) pairs."""
    secrecy = None
    if confidential:
        secrecy = records_services.Confidentiality(legal_ground="OSL 26 kap. 1 §", public_title="Ärende om enskild")
    case = records_services.register_case(
        process=process,
        title=title,
        user=user,
        confidentiality=secrecy,
        opened_on=opened_on or closed_on - datetime.timedelta(days=30),
    )
    for number, (document_date, document_type) in enumerate(documents, start=1):
        records_services.add_document(
            case,
            user=user,
            direction=Direction.INCOMING,
            title=f"Handling {number}",
            document_date=document_date,
            document_type=document_type,
            registered_on=case.opened_on,
        )
    return records_services.close_case(case, user, closed_on=closed_on)


def open_case(process, *, opened_on: datetime.date | None = None, title="Pågående ärende", user=None):
    return records_services.register_case(process=process, title=title, user=user, opened_on=opened_on)


__all__ = ["RuleFactory", "UserFactory", "closed_case", "open_case"]
