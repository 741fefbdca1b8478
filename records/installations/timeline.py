"""The timeline events of installer cases, their notes and team decisions (registered in records.register.timeline)."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from records.installations.models.decisions import DecisionKind, TeamDecision
from records.installations.models.installer_cases import (
    InstallerCase,
    InstallerCaseNote,
    InstallerCaseStatus,
    InstallerCaseType,
)
from records.installations.models.teams import Team
from records.register.timeline import Event, Source, history_rows, name_of, register_source


def describe_installer_case(render, row, before):
    at = row.history_date
    user_model = get_user_model()
    if row.history_type == "+":
        return Event(
            at,
            "installer_case_sent",
            _("Ärendet (%(type)s) skickades av %(installer)s i teamet %(team)s.")
            % {
                "type": InstallerCaseType(row.case_type).label,
                "installer": name_of(user_model, row.installer_id),
                "team": name_of(Team, row.team_id),
            },
        )
    if row.history_type == "-" or before is None:
        return None
    reason = row.history_change_reason or ""
    if before.status != row.status:
        kind = "installer_case_cancelled" if row.status == InstallerCaseStatus.CANCELLED else "installer_case_status"
        return Event(
            at,
            kind,
            _("Status ändrades till %(status)s.") % {"status": InstallerCaseStatus(row.status).label},
            reason=row.cancel_reason if row.status == InstallerCaseStatus.CANCELLED else "",
        )
    if (before.installer_id, before.team_id) != (row.installer_id, row.team_id):
        return Event(
            at,
            "installer_case_moved",
            _("Ärendet flyttades till %(installer)s i teamet %(team)s.")
            % {"installer": name_of(user_model, row.installer_id), "team": name_of(Team, row.team_id)},
            reason=reason,
        )
    changes = render.diff(InstallerCase, before, row)
    return Event(at, "installer_case_changed", _("Ärendet ändrades."), changes=changes) if changes else None


def describe_installer_note(render, row, before):
    if row.history_type != "+":
        return None
    side = _("nätägaren") if row.from_grid_owner else _("installatören")
    return Event(
        row.history_date,
        "installer_case_note",
        _("Anteckning från %(side)s: %(text)s") % {"side": side, "text": row.text},
    )


def describe_decision(render, row, before):
    if row.history_type != "+":
        return None
    return Event(
        row.history_date,
        "decision",
        _("Beslut (%(kind)s): %(grounds)s") % {"kind": DecisionKind(row.kind).label.lower(), "grounds": row.grounds},
    )


def register() -> None:
    register_source(
        Source(InstallerCase, history_rows(InstallerCase, case_id=lambda c: c.pk), describe_installer_case, rank=5)
    )
    register_source(
        Source(
            InstallerCaseNote,
            history_rows(InstallerCaseNote, installer_case__case_id=lambda c: c.pk),
            describe_installer_note,
            rank=6,
        )
    )
    register_source(Source(TeamDecision, history_rows(TeamDecision, case_id=lambda c: c.pk), describe_decision, rank=5))
