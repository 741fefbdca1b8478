"""Demo teams, decisions, installer cases and drafts, in every status, played through the services in time order."""

import datetime

from records.installations.models.installer_cases import InstallerCase
from records.installations.models.installer_cases import InstallerCaseStatus as IS
from records.installations.services import installer_cases as installations
from records.installations.services import moves as installer_moves
from records.installations.services import teams
from records.installations.services.installer_cases import InstallerCaseData
from records.register.demo_support import STREETS, demo_pdf, organisation_number

INSTALLERS = [
    ("demo.installator1", "Sola", "Solsson"),
    ("demo.installator2", "Måne", "Månsson"),
    ("demo.installator3", "Stjärna", "Stjärnqvist"),
    ("demo.installator4", "Åska", "Åskvik"),
    ("demo.installator5", "Blixt", "Blixtén"),
    ("demo.installator6", "Regn", "Regnér"),
]
GRID_STAFF = ("demo.kundservice", "Kim", "Kundtjänstsson")
CASE_TYPES = [
    "sakringsandring",
    "sakringsandring",
    "tillfallig_anslutning",
    "aba_produktionsanlaggning",
    "aba_flytt_av_matare",
    "1_3_fas",
    "servisandring",
    "ny_permanent_anslutning",
    "ateranslutning",
    "nedtagning_av_matplats",
    "permanent_urkoppling",
    "tillfallig_brytning",
]


def play_teams(timeline, now, people):
    i = people["installers"]
    specs = [  # name, org prefix/n, owner, members, competences, registered days ago
        ("Elteamet Syd", ("559911", 1), i[0], [i[1], i[2]], ["el"], 1100),
        ("Elteamet Nord", ("559911", 1), i[1], [i[0]], ["el"], 1000),
        ("Kraftfirman Öst", ("559912", 1), i[3], [i[4]], ["el", "fjarrvarme"], 900),
        ("Solel Väst", ("559913", 1), i[5], [i[2]], ["el", "biogas"], 800),
    ]
    team_list = {}
    for name, (prefix, n), owner, members, competences, days in specs:

        def register(name=name, prefix=prefix, n=n, owner=owner, competences=competences):
            team_list[name] = teams.register_team(
                name=name,
                organisation_number=organisation_number(prefix, n),
                company_name=name.split()[0] + " AB",
                competences=competences,
                certificate=demo_pdf("auktorisationsbevis.pdf", f"Auktorisationsbevis {name}"),
                user=owner,
            )

        moment = now - datetime.timedelta(days=days)
        timeline.at(moment, register)
        for k, member in enumerate(members, 1):
            timeline.at(
                moment + datetime.timedelta(days=k),
                lambda name=name, owner=owner, member=member: teams.add_member(team_list[name], member, owner),
            )
    # A member who joined and left again.
    timeline.at(now - datetime.timedelta(days=700), lambda: teams.add_member(team_list["Kraftfirman Öst"], i[5], i[3]))
    timeline.at(
        now - datetime.timedelta(days=650),
        lambda: teams.remove_member(team_list["Kraftfirman Öst"], i[5], i[3], "Installatören har slutat på företaget."),
    )
    return team_list


def play_installer_cases(rnd, timeline, now, people, team_list):
    staff = people["staff"]
    path = [IS.PLANNING, IS.EXECUTION, IS.COMPLETION_REPORTED, IS.CLOSED]
    outcomes = (
        [IS.NEW] * 12
        + [IS.PLANNING] * 15
        + [IS.EXECUTION] * 15
        + [IS.COMPLETION_REPORTED] * 12
        + [IS.CLOSED] * 36
        + [IS.CANCELLED] * 10
    )
    for n in range(130):
        team_name = rnd.choice(["Elteamet Syd", "Elteamet Nord", "Kraftfirman Öst", "Solel Väst"])
        # Old cases (some still ongoing, hence locked for online handling) and recent ones.
        created = now - datetime.timedelta(
            days=rnd.choice([rnd.uniform(0, 300), rnd.uniform(0, 300), rnd.uniform(740, 780)]), hours=rnd.uniform(0, 8)
        )
        outcome = rnd.choice(outcomes)
        state = {}
        street = f"{rnd.choice(STREETS)} {rnd.randint(1, 90)}"

        def send(team_name=team_name, state=state, street=street, n=n):
            team = team_list[team_name]
            members = list(team.members.all())
            installer = rnd.choice(members)
            data = InstallerCaseData(
                case_type=rnd.choice(CASE_TYPES),
                street_address=street,
                postal_code="25220",
                city="Exempelstad",
                latitude=f"{56.03 + rnd.random() * 0.04:.6f}",
                longitude=f"{12.68 + rnd.random() * 0.05:.6f}",
                customer_name="Kund (fiktiv)",
            )
            state["case"] = installations.send_installer_case(data, user=installer, team=team)

        timeline.at(created, send)
        step = created
        if outcome == IS.CANCELLED:
            step += datetime.timedelta(days=rnd.uniform(1, 20))
            timeline.at(
                step,
                lambda s=state: installations.request_cancellation(
                    s["case"], "Kunden har ångrat sig.", s["case"].installer
                ),
            )
            timeline.at(
                step + datetime.timedelta(hours=4),
                lambda s=state: installations.cancel_installer_case(
                    s["case"], staff, "Kunden har ångrat beställningen (begäran från installatören)."
                ),
            )
            continue
        steps = path[: path.index(outcome) + 1] if outcome in path else []
        for to_status in steps:
            step += datetime.timedelta(days=rnd.uniform(1, 15))
            by = (lambda s: s["case"].installer) if to_status == IS.COMPLETION_REPORTED else (lambda s: staff)
            timeline.at(step, lambda s=state, t=to_status, by=by: installations.change_status(s["case"], t, by(s)))
        if rnd.random() < 0.3:
            timeline.at(
                created + datetime.timedelta(hours=2),
                lambda s=state: installations.add_note(
                    s["case"], "Mätarskåpet är flyttat; se bifogad skiss.", s["case"].installer
                ),
            )
            timeline.at(
                created + datetime.timedelta(hours=6),
                lambda s=state: installations.add_note(s["case"], "Tack, vi planerar in montören.", staff),
            )
        if outcome in (IS.NEW, IS.PLANNING) and created > now - datetime.timedelta(days=300) and rnd.random() < 0.35:
            timeline.at(
                now - datetime.timedelta(hours=rnd.uniform(1, 48)),
                lambda s=state: _move(rnd, s["case"], staff, team_list),
            )
    # Unsent drafts, saved 0 to 13 days ago.
    for installer in people["installers"][:5]:
        for k in range(2):
            saved = now - datetime.timedelta(days=rnd.uniform(0, 13.5))
            timeline.at(
                saved,
                lambda installer=installer, k=k: installations.save_draft(
                    InstallerCaseData(
                        case_type=rnd.choice(CASE_TYPES),
                        street_address=f"{rnd.choice(STREETS)} {rnd.randint(1, 90)}",
                        city="Exempelstad",
                        postal_code="25220",
                    ),
                    user=installer,
                    team=installer.installer_teams.first(),
                ),
            )


def _move(rnd, case, staff, team_list):
    """One of the three kinds of move, as its rules allow."""
    case = InstallerCase.objects.select_related("team", "installer", "case").get(pk=case.pk)
    if installer_moves.movable_reason(case):
        return
    team = case.team
    others = [m for m in team.members.all() if m.pk != case.installer_id]
    sibling = [
        t
        for t in team_list.values()
        if t.organisation_number == team.organisation_number
        and t.pk != team.pk
        and t.memberships.filter(user=case.installer).exists()
    ]
    choice = rnd.random()
    if choice < 0.4 and others:
        installer_moves.move_to_member([case], rnd.choice(others), team.owner)
    elif choice < 0.7 and sibling:
        installer_moves.move_to_team([case], sibling[0], case.installer)
    else:
        target = team_list["Kraftfirman Öst"] if team.name != "Kraftfirman Öst" else team_list["Solel Väst"]
        plant = case.case_type == "aba_produktionsanlaggning"
        installer_moves.move_as_administrator(
            [case],
            to_installer=target.owner,
            to_team=target,
            user=staff,
            grounds="Kunden har bytt installatör; medgivande bifogat.",
            consent=demo_pdf("fullmakt.pdf" if plant else "medgivande.pdf", f"Kundens medgivande {case.reference}"),
            consent_kind=installer_moves.POWER_OF_ATTORNEY if plant else installer_moves.CONSENT,
        )
