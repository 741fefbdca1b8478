"""Services for a case's parties, and the check of Swedish personal and organisation numbers."""

import datetime
import re
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from common.clock import stamp
from common.errors import DomainError, ErrorCollector
from records.register import signals
from records.register.models.cases import Case, Party
from records.register.services.guards import lock, require_open, require_work

IDENTITY_RE = re.compile(r"^(\d{2})?(\d{6})[-+]?(\d{4})$")


@dataclass
class PartyData:
    name: str
    identity_number: str = ""
    role: str = ""


def luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(digits):
        product = int(char) * (2 if index % 2 == 0 else 1)
        total += product - 9 if product > 9 else product
    return total % 10 == 0


def clean_identity_number(raw: str) -> tuple[str, str]:
    """Normalise a personnummer, samordningsnummer or organisationsnummer; return (number, kind)."""
    value = re.sub(r"\s", "", raw or "")
    if not value:
        return "", Party.Kind.UNKNOWN
    match = IDENTITY_RE.match(value)
    if not match or not luhn_ok(match.group(2) + match.group(3)):
        raise DomainError(
            {
                "identity_number": _(
                    "”%(value)s” är inget giltigt person- eller organisationsnummer (ÅÅÅÅMMDD-NNNN eller NNNNNN-NNNN)."
                )
                % {"value": raw}
            }
        )
    century, six, four = match.groups()
    month = int(six[2:4])
    if month >= 20 and not century:
        # Organisation numbers have 20 or more in the "month" position.
        return f"{six}-{four}", Party.Kind.ORGANISATION
    day = int(six[4:6])
    day = day - 60 if day > 60 else day  # samordningsnummer
    year = int((century or "19") + six[:2])
    try:
        datetime.date(year, month, day)
    except ValueError:
        raise DomainError(
            {"identity_number": _("”%(value)s”: datumdelen är inget giltigt datum.") % {"value": raw}}
        ) from None
    return (f"{century}{six}-{four}" if century else f"{six}-{four}"), Party.Kind.PERSON


def _cleaned(data: PartyData) -> dict:
    errors = ErrorCollector()
    name = " ".join((data.name or "").split())
    if not name:
        errors.messages["name"] = [_("Ange partens namn.")]
    identity = errors.check(clean_identity_number, data.identity_number)
    errors.raise_if_any()
    number, kind = identity
    return {
        "name": name[:300],
        "identity_number": number,
        "kind": kind,
        "role": " ".join((data.role or "").split())[:100],
    }


def create_party(case: Case, data: PartyData, user, on=None) -> Party:
    """Add a party within a caller's transaction (registration); checks included."""
    party = Party(case=case, **_cleaned(data))
    stamp(party, user, on=on)
    party.save()
    return party


@transaction.atomic
def add_party(case: Case, data: PartyData, user) -> Party:
    case = lock(case)
    require_work(user, case)
    require_open(case, _("ändra parter"))
    party = create_party(case, data, user)
    signals.send_case_changed_on_commit(case.pk, signals.CHANGE_PARTY)
    return party


@transaction.atomic
def update_party(party: Party, data: PartyData, user) -> Party:
    case = lock(party.case)
    require_work(user, case)
    require_open(case, _("ändra parter"))
    party = Party.objects.get(pk=party.pk)  # what is stored, not what a form changed in memory
    values = _cleaned(data)
    if all(getattr(party, name) == value for name, value in values.items()):
        return party
    for name, value in values.items():
        setattr(party, name, value)
    stamp(party, user)
    party.save()
    signals.send_case_changed_on_commit(case.pk, signals.CHANGE_PARTY)
    return party


@transaction.atomic
def remove_party(party: Party, user) -> None:
    case = lock(party.case)
    require_work(user, case)
    require_open(case, _("ändra parter"))
    stamp(party, user)
    party.delete()
    signals.send_case_changed_on_commit(case.pk, signals.CHANGE_PARTY)
