"""Demo data of the register: a year of fictitious cases and documents across the plan, through the services."""

import datetime
import io
import random

import docx
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from reportlab.pdfgen import canvas

from classification.models import DocumentType, Node
from common import identity_numbers
from records.register import services
from records.register.demo_support import demo_user
from records.register.models.cases import Case

DEMO_REGISTRAR = "demo.registrator"
# Fictitious staff; no passwords (an administrator sets one to try a role).
PEOPLE = [
    (DEMO_REGISTRAR, "Rut", "Registratorsson", "Registrator"),
    ("demo.handlaggare1", "Alva", "Demosson", "Handläggare"),
    ("demo.handlaggare2", "Bo", "Testsson", "Handläggare"),
    ("demo.arkivarie", "Ines", "Exempelsdotter", "Arkivarie"),
    ("demo.lasare", "Lars", "Läsarsson", "Läsare"),
]
STREETS = ["Demogatan", "Testvägen", "Exempelgränd", "Påhittade torget", "Fiktivaallén"]
COMPANIES = ["Demo Bygg AB", "Testfastigheter AB", "Exempel Hiss AB", "Påhitt Städ AB", "Fiktiv Ventilation AB"]
PEOPLE_NAMES = ["Tolvan Tolvansson", "Elva Elvasdotter", "Nio Niosson", "Åtta Åttasson"]

# code, title templates, documents (direction, title template, counterpart kind), confidentiality, weight
SCENARIOS = [
    (
        "2.9.1",
        [
            "Vattenskada i trapphus, {street} {n}",
            "Byte av ventilationsaggregat, {street} {n}",
            "Felanmälan hiss, {street} {n}",
        ],
        [
            ("incoming", "Felanmälan", "company"),
            ("outgoing", "Beställning av åtgärd", "company"),
            ("incoming", "Faktura för åtgärd", "company"),
        ],
        None,
        9,
    ),
    (
        "2.9.3",
        ["Ombyggnad av tvättstuga, {street} {n}", "Stambyte etapp {n}, {street}"],
        [
            ("incoming", "Bygglovsansökan", "company"),
            ("drawn_up", "Byggmötesprotokoll", None),
            ("incoming", "Besiktningsprotokoll", "company"),
        ],
        None,
        3,
    ),
    (
        "2.5.1",
        ["Direktupphandling av snöröjning {year}", "Direktupphandling av fönsterputs {year}"],
        [
            ("outgoing", "Förfrågan om offert", "company"),
            ("incoming", "Offert", "company"),
            ("drawn_up", "Tilldelningsbeslut", None),
        ],
        None,
        3,
    ),
    (
        "2.5.2",
        ["Upphandling av städtjänster {year}", "Upphandling av fastighetsskötsel {year}"],
        [
            ("drawn_up", "Förfrågningsunderlag", None),
            ("incoming", "Anbud", "company"),
            ("drawn_up", "Tilldelningsbeslut", None),
        ],
        (
            "OSL 19 kap. 3 §",
            "",
            {
                "mask_title": False,
                "mask_description": False,
                "mask_parties": False,
                "mask_document_titles": True,
                "mask_counterparts": True,
            },
        ),
        2,
    ),
    (
        "1.8",
        ["Remiss: översiktsplan för {street}-området", "Enkät om bostadsförsörjning {year}"],
        [("incoming", "Remiss", "authority"), ("outgoing", "Remissvar", "authority")],
        None,
        2,
    ),
    (
        "1.9",
        ["Klagomål på buller från ventilation, {street} {n}", "Synpunkt på trappstädning, {street} {n}"],
        [("incoming", "Klagomål", "person"), ("outgoing", "Svar på klagomål", "person")],
        None,
        4,
    ),
    (
        "1.1",
        ["Styrelsesammanträde {month}"],
        [("drawn_up", "Kallelse", None), ("drawn_up", "Protokoll", None)],
        None,
        2,
    ),
    (
        "1.5",
        ["Revision av intern kontroll {year}", "Brandsyn {street} {n}"],
        [("incoming", "Revisionsrapport", "authority"), ("drawn_up", "Handlingsplan", None)],
        None,
        1,
    ),
    (
        "2.4.3",
        ["Bestridd leverantörsfaktura från {company}"],
        [("incoming", "Leverantörsfaktura", "company"), ("outgoing", "Bestridande", "company")],
        None,
        2,
    ),
    (
        "2.6.5",
        ["Begäran om utlämnande av allmän handling"],
        [("incoming", "Begäran om utlämnande", "person"), ("outgoing", "Följebrev", "person")],
        None,
        2,
    ),
    (
        "2.3.4",
        ["Rehabilitering av {person}"],
        [("incoming", "Läkarintyg", "authority"), ("drawn_up", "Rehabiliteringsplan", None)],
        ("OSL 39 kap. 1 §", "Rehabiliteringsärende", {}),
        2,
    ),
    (
        "2.3.3",
        ["Arbetsskada vid snöröjning, {person}"],
        [("incoming", "Anmälan om arbetsskada", "person"), ("drawn_up", "Utredning av tillbud", None)],
        ("OSL 39 kap. 1 §", "Anmälan om arbetsskada", {}),
        1,
    ),
    (
        "2.9.2",
        ["Inbrott i förråd, {street} {n}"],
        [("drawn_up", "Polisanmälan", None), ("outgoing", "Beställning av nytt lås", "company")],
        ("OSL 18 kap. 8 §", "Säkerhetsärende", {"mask_parties": False}),
        1,
    ),
    (
        "2.1.1",
        ["Rekrytering av fastighetsförvaltare", "Rekrytering av ekonomiassistent"],
        [("drawn_up", "Annons", None), ("incoming", "Ansökan", "person"), ("drawn_up", "Rekryteringsbeslut", None)],
        None,
        2,
    ),
]
MONTHS = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
]


def test_identity_number(rnd) -> str:
    """A personnummer born 1912-12-12 with serial 98xx: valid in form, obviously a test number."""
    number = identity_numbers.with_check_digit(f"121212{rnd.randint(9800, 9899)}"[:-1])
    return f"19{number[:6]}-{number[6:]}"


def organisation_number(rnd) -> str:
    number = identity_numbers.with_check_digit(f"559{rnd.randint(100000, 999999)}")
    return f"{number[:6]}-{number[6:]}"


def _users():
    return {username: demo_user(username, first, last, group) for username, first, last, group in PEOPLE}


def _file(rnd, title: str, reference: str, on: datetime.date):
    text = f"{title}\n{reference}\nDatum: {on.isoformat()}\nDetta är en fiktiv demohandling.\n"
    kind = rnd.choice(["pdf", "pdf", "docx", "txt"])
    slug = title.lower().replace(" ", "-").replace("å", "a").replace("ä", "a").replace("ö", "o")
    if kind == "pdf":
        buffer = io.BytesIO()
        page = canvas.Canvas(buffer, invariant=1)
        for row, line in enumerate(text.splitlines()):
            page.drawString(72, 760 - 16 * row, line)
        page.save()
        return SimpleUploadedFile(f"{slug}.pdf", buffer.getvalue(), "application/pdf")
    if kind == "docx":
        document = docx.Document()
        for line in text.splitlines():
            document.add_paragraph(line)
        buffer = io.BytesIO()
        document.save(buffer)
        return SimpleUploadedFile(f"{slug}.docx", buffer.getvalue())
    return SimpleUploadedFile(f"{slug}.txt", text.encode("utf-8"), "text/plain")


def _counterpart(rnd, kind):
    if kind == "company":
        return rnd.choice(COMPANIES)
    if kind == "person":
        return rnd.choice(PEOPLE_NAMES)
    if kind == "authority":
        return rnd.choice(["Demokommunen", "Testregionen", "Exempelmyndigheten"])
    return ""


def _working_days(start: datetime.date, end: datetime.date):
    day = start
    while day <= end:
        if day.weekday() < 5:
            yield day
        day += datetime.timedelta(days=1)


def load(stdout):
    users = _users()
    registrar = users[DEMO_REGISTRAR]
    if Case.objects.filter(registered_by=registrar).exists():
        stdout.write("Diarium: demoärendena finns redan.")
        return
    processes = {
        node.code: node for node in Node.objects.active().processes().filter(code__in=[s[0] for s in SCENARIOS])
    }
    types = {}
    for doc_type in DocumentType.objects.filter(node__in=processes.values()):
        types.setdefault((doc_type.node_id, doc_type.name.lower()), doc_type)
    scenarios = [s for s in SCENARIOS if s[0] in processes]
    if not scenarios:
        stdout.write("Diarium: klassificeringsstrukturen saknas; inga demoärenden.")
        return
    rnd = random.Random(4711)
    officers = [users["demo.handlaggare1"], users["demo.handlaggare2"]]
    today = timezone.localdate()
    counts = {"cases": 0, "documents": 0, "closed": 0, "confidential": 0}
    for day in _working_days(today - datetime.timedelta(days=364), today):
        for _ in range(rnd.choice([0, 1, 1, 1, 2])):
            code, titles, documents, secrecy, _weight = rnd.choices(scenarios, weights=[s[4] for s in scenarios])[0]
            values = {
                "street": rnd.choice(STREETS),
                "n": rnd.randint(1, 40),
                "year": day.year,
                "month": MONTHS[day.month - 1],
                "company": rnd.choice(COMPANIES),
                "person": rnd.choice(PEOPLE_NAMES),
            }
            confidentiality = None
            if secrecy:
                ground, public_title, masks = secrecy
                confidentiality = services.Confidentiality(legal_ground=ground, public_title=public_title, **masks)
                counts["confidential"] += 1
            parties = []
            if "{person}" in " ".join(titles):
                parties.append(services.PartyData(values["person"], test_identity_number(rnd), "berörd"))
            elif rnd.random() < 0.4:
                parties.append(services.PartyData(values["company"], organisation_number(rnd), "motpart"))
            case = services.register_case(
                process=processes[code],
                title=rnd.choice(titles).format(**values),
                user=registrar,
                description="Fiktivt demoärende.",
                responsible=rnd.choice(officers) if rnd.random() < 0.8 else None,
                confidentiality=confidentiality,
                parties=parties,
                opened_on=day,
            )
            counts["cases"] += 1
            on = day
            for number, (direction, title, counterpart_kind) in enumerate(
                documents[: rnd.randint(1, len(documents))], 1
            ):
                doc_type = types.get((processes[code].pk, title.lower()))
                files = [_file(rnd, title, f"{case.reference}-{number}", on)] if rnd.random() < 0.85 else []
                services.add_document(
                    case,
                    user=registrar,
                    direction=direction,
                    title=title,
                    document_date=on,
                    document_type=doc_type,
                    counterpart=_counterpart(rnd, counterpart_kind),
                    files=files,
                    registered_on=on,
                )
                counts["documents"] += 1
                on = min(today, on + datetime.timedelta(days=rnd.randint(0, 12)))
            if (today - on).days > 20 and rnd.random() < 0.7:
                services.close_case(
                    case, registrar, closed_on=min(today, on + datetime.timedelta(days=rnd.randint(1, 20)))
                )
                counts["closed"] += 1
            elif rnd.random() < 0.02:
                services.cancel_case(case, registrar, reason="Felregistrerat (demo)")
    stdout.write(
        "Diarium: {cases} ärenden, {documents} handlingar, {closed} avslutade, {confidential} med sekretess.".format(
            **counts
        )
    )
