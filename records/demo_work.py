"""Demo data of work orders, installer cases, teams and decisions: a few hundred, in every status,
played through the services in time order (backdated), with fictitious people and companies."""

import datetime
import io
import logging
import random

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from reportlab.pdfgen import canvas

from classification.models import Node
from common import clock, identity_numbers

from .filing import configured_codes
from .models import Contractor, InstallerCase, WorkOrder
from .models import InstallerCaseStatus as IS
from .models import WorkOrderStatus as WS
from .services import installations, installer_moves, teams, work_orders
from .services.installations import InstallerCaseData

logger = logging.getLogger(__name__)

ORDERERS = [("demo.bestallare1", "Hanna", "Handläggarsson"), ("demo.bestallare2", "Oskar", "Ordersson")]
CONTRACTORS = [
    (
        "Demo Rör & Vitvaror AB",
        "559901",
        [("demo.entreprenor1", "Emil", "Rörsson"), ("demo.entreprenor2", "Sara", "Kranström")],
    ),
    ("Testbyggarna i Exempelstad AB", "559902", [("demo.entreprenor3", "Nils", "Snickarsson")]),
    (
        "Fiktiv Fastighetsservice AB",
        "559903",
        [("demo.entreprenor4", "Maja", "Serviceberg"), ("demo.entreprenor5", "Ali", "Demir-Test")],
    ),
]
INSTALLERS = [
    ("demo.installator1", "Sola", "Solsson"),
    ("demo.installator2", "Måne", "Månsson"),
    ("demo.installator3", "Stjärna", "Stjärnqvist"),
    ("demo.installator4", "Åska", "Åskvik"),
    ("demo.installator5", "Blixt", "Blixtén"),
    ("demo.installator6", "Regn", "Regnér"),
]
GRID_STAFF = ("demo.kundservice", "Kim", "Kundtjänstsson")
STREETS = ["Solgatan", "Molngatan", "Regngatan", "Demogatan", "Testvägen", "Exempelgränd"]
SUBJECTS = {
    "fel": [
        "Diskmaskinen läcker vatten",
        "Kylskåpet kyler inte",
        "Droppande kran i badrummet",
        "Stopp i avloppet i köket",
        "Element blir inte varmt",
        "Trasigt lås i entrédörren",
    ],
    "hlu": ["Målning av hall och kök", "Byte av golv i sovrum", "Tapetsering av vardagsrum"],
    "uh_oplanerat": ["Vattenskada i trapphus", "Trasig ventilationsfläkt", "Läckande tak i förråd"],
    "tillval": ["Montering av diskmaskin (tillval)", "Induktionshäll (tillval)", "Extra eluttag i kök (tillval)"],
    "underhall": ["Årlig service av tvättstuga", "Byte av armaturer i trapphus", "Rensning av takbrunnar"],
}
UNITS = {
    "Diskmaskinen läcker vatten": "Diskmaskin",
    "Kylskåpet kyler inte": "Kylskåp",
    "Montering av diskmaskin (tillval)": "Diskmaskin",
    "Induktionshäll (tillval)": "Spishäll",
}
ACTIONS = [
    "Bytt packning och provkört",
    "Bytt enheten mot ny",
    "Rensat och spolat",
    "Justerat och smort",
    "Åtgärdat enligt beställning",
]
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


def organisation_number(prefix6: str, n: int) -> str:
    return f"{prefix6}-{identity_numbers.with_check_digit(f'{prefix6}{n:03d}')[6:]}"


def _user(username, first, last, group):
    user, created = get_user_model().objects.get_or_create(
        username=username,
        defaults={"first_name": first, "last_name": last, "is_staff": True, "email": f"{username}@example.org"},
    )
    if created:
        user.set_unusable_password()
        user.save()
    user.groups.add(Group.objects.get_or_create(name=group)[0])
    return user


def _pdf(name: str, text: str):
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, invariant=1)
    page.drawString(72, 760, text)
    page.drawString(72, 740, "Fiktiv demohandling.")
    page.save()
    return SimpleUploadedFile(name, buffer.getvalue(), "application/pdf")


def _png():
    data = (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
        b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
    )
    return SimpleUploadedFile("bild.png", data, "image/png")


class Timeline:
    """Events played in time order, each as if it happened at its moment."""

    def __init__(self):
        self.events = []

    def at(self, moment, action):
        self.events.append((moment, len(self.events), action))

    def play(self):
        now = timezone.now()
        for moment, _n, action in sorted(self.events, key=lambda e: (e[0], e[1])):
            with clock.backdated(min(moment, now)):
                action()


def load(stdout):
    if Contractor.objects.filter(organisation_number=organisation_number("559901", 1)).exists():
        stdout.write("Arbetsorder och installationsärenden: demodata finns redan.")
        return
    codes = set(configured_codes().values())
    if Node.objects.active().processes().filter(code__in=codes).count() < len(codes):
        stdout.write(
            f"Arbetsorder och installationsärenden: processerna {', '.join(sorted(codes))} saknas; ingen demodata."
        )
        return
    rnd = random.Random(1234)
    people = {
        "orderers": [_user(*p, "Beställare") for p in ORDERERS],
        "staff": _user(*GRID_STAFF, "Kundservice"),
        "installers": [_user(*p, "Installatör") for p in INSTALLERS],
    }
    contractors = []
    for index, (name, prefix, users) in enumerate(CONTRACTORS, 1):
        contractor = Contractor.objects.create(
            name=name,
            organisation_number=organisation_number(prefix, 1),
            email=f"arbetsorder{index}@example.org",
            phone=f"010-000 00 0{index}",
        )
        contractor.users.add(*[_user(*u, "Entreprenör") for u in users])
        contractors.append(contractor)
    timeline = Timeline()
    now = timezone.now()
    _work_orders(rnd, timeline, now, people, contractors)
    team_list = _teams(timeline, now, people)
    _installer_cases(rnd, timeline, now, people, team_list)
    timeline.play()
    stdout.write(
        f"Arbetsorder: {WorkOrder.objects.count()}, installationsärenden: {InstallerCase.objects.count()}, "
        f"utkast och team med beslut inlästa."
    )


def _work_orders(rnd, timeline, now, people, contractors):
    outcomes = [WS.ORDERED] * 14 + [WS.ACCEPTED] * 20 + [WS.COMPLETED] * 36 + [WS.INVOICED] * 20 + [WS.CANCELLED] * 10
    previous_by_object = {}
    for n in range(260):
        ordered = now - datetime.timedelta(days=rnd.uniform(0, 120), hours=rnd.uniform(0, 8))
        order_type = rnd.choices(list(SUBJECTS), weights=[40, 15, 15, 10, 20])[0]
        subject = rnd.choice(SUBJECTS[order_type])
        property_name = f"Demofastigheten {rnd.randint(1, 12)}:{rnd.randint(1, 4)}"
        apartment = str(rnd.choice([1001, 1002, 1101, 1102, 1201, 1202]))
        outcome = rnd.choice(outcomes)
        contractor = rnd.choice(contractors)
        orderer = rnd.choice(people["orderers"])
        worker = contractor.users.first()
        state = {}

        def create(
            order_type=order_type,
            subject=subject,
            property_name=property_name,
            apartment=apartment,
            contractor=contractor,
            orderer=orderer,
            state=state,
            n=n,
        ):
            key = (property_name, apartment)
            batch_with = previous_by_object.get(key) if rnd.random() < 0.5 else None
            data = work_orders.WorkOrderData(
                order_type=order_type,
                contractor=contractor,
                property_name=property_name,
                apartment=apartment,
                address=f"{rnd.choice(STREETS)} {rnd.randint(1, 60)}",
                subject=subject,
                tenant_name="Hyresgäst (fiktiv)",
                tenant_phone=f"070-000 {n // 100:02d} {n % 100:02d}",
                ordered_via_web=rnd.random() < 0.3,
                priority="HLU Ny HG" if order_type == "hlu" and rnd.random() < 0.4 else "",
                is_unit=subject in UNITS,
                unit_description=UNITS.get(subject, ""),
                batch_with=batch_with,
            )
            state["order"] = work_orders.create_work_order(
                data, user=orderer, pictures=[_png()] if rnd.random() < 0.3 else []
            )
            if batch_with is None or key not in previous_by_object:
                previous_by_object[key] = state["order"]

        timeline.at(ordered, create)
        step = ordered
        if outcome == WS.CANCELLED:
            step += datetime.timedelta(days=rnd.uniform(0.5, 5))
            timeline.at(
                step,
                lambda s=state, o=orderer: work_orders.cancel_work_order(
                    s["order"],
                    o,
                    rnd.choice(["Hyresgästen avbokade besöket", "Bomkörning: ingen hemma", "Dubbelbeställning"]),
                ),
            )
            continue
        if outcome == WS.ORDERED:
            continue
        step += datetime.timedelta(hours=rnd.uniform(1, 48))
        timeline.at(step, lambda s=state, w=worker: work_orders.accept_work_order(s["order"], w))
        if rnd.random() < 0.5:
            step += datetime.timedelta(hours=rnd.uniform(1, 24))
            timeline.at(
                step, lambda s=state, w=worker: work_orders.add_note(s["order"], "Tid bokad med hyresgästen.", w)
            )
        if rnd.random() < 0.2:
            step += datetime.timedelta(hours=rnd.uniform(1, 24))
            timeline.at(
                step,
                lambda s=state, w=worker: s.update(
                    q=work_orders.add_note(s["order"], "Finns nyckel att hämta på kontoret?", w, question=True)
                ),
            )
            step += datetime.timedelta(hours=rnd.uniform(1, 24))
            timeline.at(
                step, lambda s=state, o=orderer: work_orders.answer_question(s["q"], "Ja, hos fastighetsskötaren.", o)
            )
        if outcome == WS.ACCEPTED:
            continue
        step += datetime.timedelta(days=rnd.uniform(0.5, 7))
        timeline.at(
            step,
            lambda s=state, w=worker: work_orders.complete_work_order(
                s["order"],
                w,
                action_performed=rnd.choice(ACTIONS),
                unit_model=f"Modell DX-{rnd.randint(100, 999)}",
                unit_serial=f"SN{rnd.randint(10**6, 10**7)}",
            ),
        )
        if outcome == WS.INVOICED:
            step += datetime.timedelta(days=rnd.uniform(1, 10))
            timeline.at(step, lambda s=state, o=orderer: work_orders.mark_invoiced(s["order"], o))


def _teams(timeline, now, people):
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
                certificate=_pdf("auktorisationsbevis.pdf", f"Auktorisationsbevis {name}"),
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


def _installer_cases(rnd, timeline, now, people, team_list):
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
            consent=_pdf("fullmakt.pdf" if plant else "medgivande.pdf", f"Kundens medgivande {case.reference}"),
            consent_kind=installer_moves.POWER_OF_ATTORNEY if plant else installer_moves.CONSENT,
        )
