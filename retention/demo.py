"""Demo data of the retention app: a schedule for the seed plan, a few old cases and a list in review."""

import datetime

from django.utils import timezone

from classification.models import DocumentType, Node
from records.models import Case, Direction
from records.register import services as records_services

from . import services
from .models import DisposalList, LegalHold, RetentionRule

GA_2019 = "GA 2019/3"  # the organisation's general disposal decision
GA_2021 = "GA 2021/1 (BFL 7 kap. 2 §)"
GA_2023 = "GA 2023/2"
END_OF_YEAR = "end_of_closing_year"

# (node code, document type or "", action, years, trigger, authority, note)
SCHEDULE = [
    ("1", "", "bevaras", None, "", GA_2019, "Styrning och uppföljning bevaras."),
    ("1.4", "medarbetarförslag", "gallras", 2, "case_closed", GA_2019, ""),
    ("1.8", "enkäter", "gallras_vid_inaktualitet", None, "", GA_2019, "Enkätsvar som sammanställts."),
    ("1.9", "", "gallras", 2, "case_closed", GA_2019, ""),
    ("2.1.1", "", "gallras", 2, "case_closed", GA_2019, "Ansökningar från den som anställs flyttas till 2.1.2."),
    ("2.1.2", "", "bevaras", None, "", GA_2019, "Personalakter bevaras."),
    ("2.1.3", "", "gallras", 7, END_OF_YEAR, GA_2021, "Räkenskapsinformation."),
    ("2.2", "", "gallras", 2, "case_closed", GA_2019, ""),
    ("2.3", "", "gallras", 5, "case_closed", GA_2019, ""),
    ("2.3.1", "", "gallras_vid_inaktualitet", None, "", GA_2019, ""),
    ("2.3.3", "", "bevaras", None, "", GA_2019, "Arbetsskador kan få betydelse långt senare."),
    ("2.4", "", "gallras", 7, END_OF_YEAR, GA_2021, "Räkenskapsinformation."),
    ("2.4.1", "", "bevaras", None, "", GA_2019, ""),
    ("2.4.7", "", "bevaras", None, "", GA_2019, ""),
    ("2.5", "", "gallras", 10, "case_closed", GA_2019, ""),
    ("2.5.2", "anbud med bilagor", "gallras", 2, "case_closed", GA_2019, "Anbud från leverantörer som inte antogs."),
    ("2.6", "", "bevaras", None, "", GA_2019, ""),
    ("2.6.5", "", "gallras", 2, "case_closed", GA_2019, ""),
    ("2.7", "", "gallras", 3, "case_closed", GA_2019, ""),
    ("2.8.1", "", "bevaras", None, "", GA_2019, ""),
    ("2.8.2", "", "gallras_vid_inaktualitet", None, "", GA_2019, ""),
    ("2.8.3", "", "gallras", 2, "case_closed", GA_2019, ""),
    ("2.8.4", "", "bevaras", None, "", GA_2019, ""),
    ("2.8.5", "", "bevaras", None, "", GA_2019, ""),
    ("2.9", "", "gallras", 2, "case_closed", GA_2019, ""),
    ("2.9.1", "hyresavtal", "gallras", 10, "case_closed", GA_2019, ""),
    ("2.9.3", "", "bevaras", None, "", GA_2019, "Bygghandlingar följer byggnaden."),
    ("2.10", "", "gallras_vid_inaktualitet", None, "", GA_2019, ""),
    ("2.10", "hemsidor", "bevaras", None, "", GA_2019, "Hemsidan arkiveras två gånger per år."),
    ("2.11", "", "gallras_vid_inaktualitet", None, "", GA_2019, ""),
    ("2.12", "", "gallras", 10, END_OF_YEAR, GA_2019, ""),
    ("2.13", "", "gallras", 2, "case_closed", GA_2019, ""),
    ("2.13", "körjournaler", "gallras", 7, END_OF_YEAR, GA_2021, ""),
    ("3.1.1", "", "gallras", 2, "case_closed", GA_2023, "Räknas från att den sökande lämnat kön."),
    ("3.1.2", "", "gallras", 2, "case_closed", GA_2023, ""),
    ("3.1.3", "", "bevaras", None, "", GA_2023, ""),
    ("3.2", "", "gallras", 2, END_OF_YEAR, GA_2023, ""),
    ("3.2.3", "", "gallras", 10, "case_closed", GA_2023, ""),
    ("3.2.4", "", "bevaras", None, "", GA_2023, ""),
    ("3.3", "", "bevaras", None, "", GA_2023, ""),
]

# (process, title, opened, closed, confidential)
OLD_CASES = [
    ("2.9.1", "Felanmälan hiss i kontorshuset", "2021-02-03", "2021-03-15", False),
    ("2.9.1", "Lokalbokning för medarbetardag", "2022-04-01", "2022-05-02", False),
    ("2.9.2", "Borttappat passerkort", "2022-09-12", "2022-09-20", False),
    ("2.9.2", "Polisanmälan om inbrott i förråd", "2023-01-09", "2023-02-28", False),
    ("2.1.1", "Rekrytering av systemförvaltare", "2022-01-10", "2022-04-30", True),
    ("3.1.1", "Avregistrering ur bostadskön", "2021-06-01", "2021-06-10", False),
]
LIST_NAME = "Gallring 2.9 – demo"


def _schedule(stdout) -> None:
    created = 0
    for code, type_name, action, years, trigger, authority, note in SCHEDULE:
        node = Node.objects.filter(code=code).first()
        if node is None:
            continue
        document_type = DocumentType.objects.filter(node=node, name=type_name).first() if type_name else None
        if type_name and document_type is None:
            continue
        target = {"document_type": document_type} if document_type else {"node": node}
        if RetentionRule.objects.filter(**target).exists():
            continue
        services.save_rule(
            services.RuleData(
                action=action,
                node=None if document_type else node,
                document_type=document_type,
                years=years,
                trigger=trigger,
                authority=authority,
                note=note,
            ),
            user=None,
        )
        created += 1
    stdout.write(f"Informationshanteringsplan: {created} nya gallringsregler.")


def _old_cases() -> list[Case]:
    cases = []
    for code, title, opened, closed, confidential in OLD_CASES:
        existing = Case.objects.filter(process__code=code, title=title).first()
        if existing is not None:
            cases.append(existing)
            continue
        secrecy = None
        if confidential:
            secrecy = records_services.Confidentiality(
                legal_ground="OSL 39 kap. 3 §", public_title="Rekryteringsärende"
            )
        case = records_services.register_case(
            process=code, title=title, user=None, confidentiality=secrecy, opened_on=datetime.date.fromisoformat(opened)
        )
        records_services.add_document(
            case,
            user=None,
            direction=Direction.INCOMING,
            title=f"Underlag: {title}",
            document_date=case.opened_on,
            registered_on=case.opened_on,
        )
        cases.append(records_services.close_case(case, None, closed_on=datetime.date.fromisoformat(closed)))
    return cases


def load(stdout):
    _schedule(stdout)
    cases = _old_cases()
    services.recompute_scope(None)  # the on-commit recomputes run after this transaction; the list needs them now
    held = next(case for case in cases if case.title.startswith("Polisanmälan"))
    if not LegalHold.objects.filter(case=held).exists():
        services.place_hold(
            case=held, user=None, reason="Ärendet är begärt som bevisning i en pågående rättsprocess (demo)."
        )
    if not DisposalList.objects.filter(name=LIST_NAME).exists():
        disposal_list = services.draw_disposal_list(
            name=LIST_NAME,
            as_of=timezone.localdate(),
            process="2.9",
            user=None,
            note="Demolista: granska och godkänn (av en annan arkivarie).",
        )
        services.submit_for_review(disposal_list, user=None)
        stdout.write(f"Gallringslista ”{LIST_NAME}” under granskning med {disposal_list.items.count()} ärenden.")
