"""Services for a case's parties, and the check of Swedish personal and organisation numbers."""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from common import identity_numbers
from common.clock import stamp
from common.errors import DomainError, ErrorCollector
from records.register import signals
from records.register.lifecycle import CASE
from records.register.models.cases import Case, Party
from records.register.services.guards import lock


@dataclass
class PartyData:
    name: str
    identity_number: str = ""
    role: str = ""


def clean_identity_number(raw: str) -> tuple[str, str]:
    """Normalise a personnummer, samordningsnummer or organisationsnummer; return (number, kind)."""
    if not (raw or "").strip():
        return "", Party.Kind.UNKNOWN
    try:
        number, kind = identity_numbers.parse_identity_number(raw)
    except identity_numbers.InvalidComponent:
        raise DomainError(
            {"identity_number": _("”%(value)s”: datumdelen är inget giltigt datum.") % {"value": raw}}
        ) from None
    except identity_numbers.ValidationError:
        raise DomainError(
            {
                "identity_number": _(
                    "”%(value)s” är inget giltigt person- eller organisationsnummer (ÅÅÅÅMMDD-NNNN eller NNNNNN-NNNN)."
                )
                % {"value": raw}
            }
        ) from None
    if kind == identity_numbers.ORGANISATIONSNUMMER:
        return number, Party.Kind.ORGANISATION
    return number.replace("+", "-"), Party.Kind.PERSON  # stored with a hyphen, as always


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
    CASE.check("edit_parties", user, case)
    party = create_party(case, data, user)
    signals.send_case_changed(case.pk, signals.CHANGE_PARTY)
    return party


@transaction.atomic
def update_party(party: Party, data: PartyData, user) -> Party:
    case = lock(party.case)
    CASE.check("edit_parties", user, case)
    party = Party.objects.get(pk=party.pk)  # what is stored, not what a form changed in memory
    values = _cleaned(data)
    if all(getattr(party, name) == value for name, value in values.items()):
        return party
    for name, value in values.items():
        setattr(party, name, value)
    stamp(party, user)
    party.save()
    signals.send_case_changed(case.pk, signals.CHANGE_PARTY)
    return party


@transaction.atomic
def remove_party(party: Party, user) -> None:
    case = lock(party.case)
    CASE.check("edit_parties", user, case)
    stamp(party, user)
    party.delete()
    signals.send_case_changed(case.pk, signals.CHANGE_PARTY)


def clean_organisation_number(raw) -> str:
    """NNNNNN-NNNN with a valid check digit (Luhn); a sole trader's personnummer is accepted too."""
    if not str(raw or "").strip():
        raise DomainError({"organisation_number": _("Ange företagets organisationsnummer (NNNNNN-NNNN).")})
    try:
        return identity_numbers.validate_organisation_number(raw)
    except identity_numbers.InvalidChecksum:
        raise DomainError(
            {
                "organisation_number": _(
                    "”%(value)s” är inget giltigt organisationsnummer: kontrollsiffran (den sista) stämmer inte."
                )
                % {"value": raw}
            }
        ) from None
    except identity_numbers.ValidationError:
        raise DomainError(
            {
                "organisation_number": _("”%(value)s” är inget organisationsnummer: skriv tio siffror, NNNNNN-NNNN.")
                % {"value": raw}
            }
        ) from None
