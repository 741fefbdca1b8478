"""Benchmark: Swedish full-text search on 100,000 cases and 300,000 documents, against Wagtail's."""

# Builds a deterministic synthetic register with bulk inserts, plants 50 known "needles" (rare words
# in varied inflected forms, word pairs, reference numbers, title prefixes) and measures, on the same
# corpus and queries, the project's database backend against Wagtail's own database search backend
# (modelsearch, through `index.Indexed` proxies of Case and Document): index build time, query latency
# (p50, p95) and recall. `--scale 0.1` runs a tenth of the size for a quick check.
#
#     .venv/bin/python -m tests.benchmarks.bench_search [--scale 0.1]

import argparse
import datetime
import random
import statistics
import time
from contextlib import contextmanager

from .harness import report, setup_django, teardown_django, timed

SEED = 20260601
WAGTAIL_DEADLINE = 30.0  # seconds per query; a query that takes longer counts as 30 s and finds nothing
CASES, DOCUMENTS_PER_CASE = 100_000, 3
STREETS = [
    "Storgatan",
    "Kungsgatan",
    "Ringvägen",
    "Björkvägen",
    "Skolgatan",
    "Parkvägen",
    "Sjövägen",
    "Ängsvägen",
    "Lingonstigen",
    "Tallbacken",
    "Järnvägsgatan",
    "Hamngatan",
    "Torggatan",
    "Ekvägen",
    "Solvägen",
]
COMPANIES = [
    "Rörkraft AB",
    "Elmontage i Norr AB",
    "Fasadgruppen",
    "Byggservice Syd",
    "Låssmeden AB",
    "Målarna i Mitt",
    "VentilationsTeknik AB",
    "Hisservice Nord",
    "Markentreprenad Väst",
    "Städbolaget Ren AB",
]
COMMON = [  # background vocabulary, every form used
    ["faktura", "fakturan", "fakturor", "fakturorna"],
    ["arbetsorder", "arbetsordern", "arbetsordrar"],
    ["besiktning", "besiktningen", "besiktningar"],
    ["reparation", "reparationen", "reparationer"],
    ["lägenhet", "lägenheten", "lägenheter"],
    ["hyresgäst", "hyresgästen", "hyresgäster"],
    ["vattenskada", "vattenskadan", "vattenskador"],
    ["offert", "offerten", "offerter"],
    ["hiss", "hissen", "hissar"],
    ["fönster", "fönstret", "fönstren"],
    ["tvättstuga", "tvättstugan", "tvättstugor"],
    ["nyckel", "nyckeln", "nycklar"],
    ["radiator", "radiatorn", "radiatorer"],
    ["balkong", "balkongen", "balkonger"],
    ["kontrakt", "kontraktet", "kontrakten"],
    ["protokoll", "protokollet", "protokollen"],
    ["rapport", "rapporten", "rapporter"],
    ["dörr", "dörren", "dörrar"],
    ["trapphus", "trapphuset"],
    ["källare", "källaren"],
    ["garage", "garaget"],
    ["klagomål", "klagomålet"],
    ["beslut", "beslutet"],
]
VERBS = ["gäller", "avser", "omfattar", "inkom om", "begär", "bifogar", "beskriver", "kompletterar", "bekräftar"]
ADJECTIVES = ["akut", "planerad", "omfattande", "mindre", "kompletterande", "återkommande", "ny", "tidigare"]
# (query, planted forms): none of the planted forms is the query itself, so only stemming finds them.
INFLECTED = [
    ("hängränna", ["hängrännan", "hängrännor", "hängrännorna"]),
    ("takkupa", ["takkupan", "takkupor", "takkuporna"]),
    ("rotskada", ["rotskadan", "rotskador", "rotskadorna"]),
    ("laddbox", ["laddboxen", "laddboxar", "laddboxarna"]),
    ("värmepump", ["värmepumpen", "värmepumpar", "värmepumparna"]),
    ("solpanel", ["solpanelen", "solpaneler"]),
    ("radonmätning", ["radonmätningen", "radonmätningar"]),
    ("fuktmätningen", ["fuktmätning", "fuktmätningar"]),
    ("asbestinventeringar", ["asbestinventering", "asbestinventeringen"]),
    ("snöras", ["snöraset", "snörasen"]),
    ("istapparna", ["istapp", "istappen", "istappar"]),
    ("torktumlare", ["torktumlaren", "torktumlarna"]),
    ("brandvarnarna", ["brandvarnare", "brandvarnaren"]),
    ("tvättmaskin", ["tvättmaskinen", "tvättmaskiner"]),
    ("ventilationsaggregat", ["ventilationsaggregatet", "ventilationsaggregaten"]),
    ("hyresgästföreningen", ["hyresgästförening", "hyresgästföreningar"]),
    ("andrahandsuthyrningar", ["andrahandsuthyrning", "andrahandsuthyrningen"]),
    ("förrådsinbrott", ["förrådsinbrottet", "förrådsinbrotten"]),
    ("bredbandsuttagen", ["bredbandsuttag", "bredbandsuttaget"]),
    ("legionellaprov", ["legionellaprovet", "legionellaproven"]),
    ("mattläggningar", ["mattläggning", "mattläggningen"]),
    ("takomläggning", ["takomläggningen", "takomläggningar"]),
    ("fettavskiljare", ["fettavskiljaren", "fettavskiljarna"]),
    ("nyckelbrickor", ["nyckelbricka", "nyckelbrickan"]),
    ("avloppsstopp", ["avloppsstoppet", "avloppsstoppen"]),
]
# (query, planted forms): the query form is among them; every engine should find these.
PLAIN = [
    ("frostsprängning", ["frostsprängning"]),
    ("balkongräcke", ["balkongräcke"]),
    ("markiser", ["markiser"]),
    ("sophus", ["sophus"]),
    ("cykelställ", ["cykelställ"]),
]
PAIRS = [
    ("dränering", "Gullregnsvägen"),
    ("fasadputs", "Murgrönan"),
    ("takpapp", "Vitsippan"),
    ("stuprör", "Blåklinten"),
    ("dörrstängare", "Liljekonvaljen"),
]
# (query, planted): two words in their base form, planted in other forms.
INFLECTED_PAIRS = [
    ("fuktig golvbrunn", ["fuktiga golvbrunnen", "fuktiga golvbrunnar"]),
    ("trasig spolknapp", ["trasiga spolknappen", "trasiga spolknappar"]),
    ("läckande blandare", ["läckande blandaren", "läckande blandarna"]),
    ("igensatt ventilationsdon", ["igensatta ventilationsdonen", "igensatta ventilationsdonet"]),
    ("lös fotlist", ["lösa fotlisten", "lösa fotlister"]),
]
# Common words that match a large share of the corpus: reported apart, not among the 50.
BROAD = ["fakturor", "reparation lägenhet", "Storgatan", "Rörkraft", "hyresgäster klagomål"]
PREFIXES = [
    ("brandcellsgr", "brandcellsgräns"),
    ("fjärrvärmecen", "fjärrvärmecentral"),
    ("sophämtn", "sophämtning"),
    ("cykelförr", "cykelförråd"),
    ("porttelef", "porttelefon"),
]


def sentence(rng, noun_forms=None) -> str:
    noun = rng.choice(noun_forms or rng.choice(COMMON))
    other = rng.choice(rng.choice(COMMON))
    return (
        f"{rng.choice(ADJECTIVES).capitalize()} {noun} {rng.choice(VERBS)} {other} på "
        f"{rng.choice(STREETS)} {rng.randint(1, 60)} enligt {rng.choice(COMPANIES)}."
    )


def plant_needles(rng, cases: int, documents: int, confidential: set[int]):
    """Which items get which words; returns (planted text per item, queries with their relevant items)."""
    planted: dict[tuple[str, int], list[tuple[str, bool]]] = {}  # item → [(text, in_title)]

    def pick(count):
        items = set()
        while len(items) < count:
            if rng.random() < 0.35:
                case = rng.randint(1, cases)
                if case not in confidential:
                    items.add(("case", case))
            else:
                document = rng.randint(1, documents)
                if (document - 1) // DOCUMENTS_PER_CASE + 1 not in confidential:
                    items.add(("document", document))
        return items

    queries = []
    for category, needles in (("inflected", INFLECTED), ("plain", PLAIN), ("inflected", INFLECTED_PAIRS)):
        for query, forms in needles:
            relevant = pick(rng.randint(10, 40))
            for item in relevant:
                planted.setdefault(item, []).append((rng.choice(forms), rng.random() < 0.3))
            queries.append((category, query, relevant))
    for word, place in PAIRS:
        relevant = pick(rng.randint(10, 25))
        for item in relevant:
            planted.setdefault(item, []).append((f"{word} vid {place}", False))
        for item in pick(20):  # distractors with only one of the two words
            planted.setdefault(item, []).append((rng.choice([word, place]), False))
        queries.append(("pair", f"{word} {place}", relevant))
    for prefix, word in PREFIXES:
        relevant = pick(rng.randint(10, 30))
        for item in relevant:
            planted.setdefault(item, []).append((word, True))
        queries.append(("prefix", prefix, relevant))
    return planted, queries


def generate(scale: float):
    """The register, with bulk inserts; returns the queries and their relevant items."""
    from django.db import connection, transaction
    from django.utils import timezone

    from classification.models import Node
    from records.models import NumberSeries
    from records.register.services import register_series

    rng = random.Random(SEED)
    cases, documents = int(CASES * scale), int(CASES * scale) * DOCUMENTS_PER_CASE
    processes = list(Node.objects.filter(kind="P", valid_to__isnull=True).values_list("pk", flat=True))
    bop = register_series()
    ao = NumberSeries.objects.create(
        code="ao", name="Arbetsorder", pattern="{prefix}{serial}", prefix="AO", yearly=False
    )
    ok = NumberSeries.objects.create(
        code="ok", name="Installation", pattern="{prefix}-{serial:07d}", prefix="OK", yearly=False
    )
    confidential = {n for n in range(1, cases + 1) if rng.random() < 0.03}
    planted, queries = plant_needles(rng, cases, documents, confidential)
    serials, now, references = {}, timezone.now(), {}
    start = datetime.date(2019, 1, 1)
    case_rows, document_rows, file_rows = [], [], []
    for n in range(1, cases + 1):
        opened = start + datetime.timedelta(days=rng.randint(0, 2735))
        kind = rng.random()
        series, record_type = (
            (ao, "work_order") if kind < 0.10 else (ok, "installer_case") if kind < 0.15 else (bop, "case")
        )
        key = (series.code, opened.year if series is bop else 0)
        serials[key] = serials.get(key, 0) + 1
        reference = series.format(opened.year, serials[key] + (1000 if series is ao else 3000 if series is ok else 0))
        references[n] = reference
        extra = planted.get(("case", n), [])
        title = f"{rng.choice(rng.choice(COMMON)).capitalize()} på {rng.choice(STREETS)} {rng.randint(1, 60)}"
        title += "".join(f" – {text}" for text, in_title in extra if in_title)
        description = " ".join([sentence(rng) for _ in range(2)] + [text for text, in_title in extra if not in_title])
        secret = n in confidential
        status = rng.choice(["open", "closed", "closed", "cancelled"] if opened.year < 2026 else ["open"])
        case_rows.append(
            (
                n,
                record_type,
                series.pk,
                opened.year,
                serials[key],
                reference,
                rng.choice(processes),
                title,
                description,
                status,
                opened,
                opened if status != "open" else None,
                "OSL 26 kap. 1 §" if secret else "",
                "Ärende om enskild" if secret else "",
                True,
                True,
                True,
                True,
                True,
                now,
            )
        )
        for number in range(1, DOCUMENTS_PER_CASE + 1):
            doc = (n - 1) * DOCUMENTS_PER_CASE + number
            extra = planted.get(("document", doc), [])
            doc_title = f"{rng.choice(rng.choice(COMMON)).capitalize()} från {rng.choice(COMPANIES)}"
            doc_title += "".join(f" om {text}" for text, in_title in extra if in_title)
            text = " ".join(
                [sentence(rng) for _ in range(rng.randint(3, 6))] + [t for t, in_title in extra if not in_title]
            )
            registered = opened + datetime.timedelta(days=number * 3)
            document_rows.append(
                (
                    doc,
                    n,
                    number,
                    rng.choice(["incoming", "drawn_up", "outgoing"]),
                    registered,
                    registered,
                    "",
                    doc_title,
                    rng.choice(COMPANIES),
                )
            )
            file_rows.append(
                (doc, doc, n, f"bench/{doc}.txt", "dokument.txt", len(text), "text/plain", f"{doc:064d}", text, now)
            )
    for query in (references[7], references[cases // 2], references[cases - 3]):
        queries.append(("reference", query, {("case", next(k for k, v in references.items() if v == query))}))
    for prefix in ("AO", "OK-"):
        number, reference = next((k, v) for k, v in sorted(references.items()) if v.startswith(prefix))
        queries.append(("reference", reference, {("case", number)}))
    with transaction.atomic(), connection.cursor() as cursor:
        insert(
            cursor,
            "records_case",
            "id, record_type, series_id, year, serial, reference, process_id, title, "
            "description, status, opened_on, closed_on, legal_ground, public_title, mask_title, mask_description, "
            "mask_parties, mask_document_titles, mask_counterparts, updated_at",
            case_rows,
        )
        insert(
            cursor,
            "records_document",
            "id, case_id, number, direction, document_date, registered_on, document_type_text, title, counterpart",
            document_rows,
        )
        insert(
            cursor,
            "records_documentfile",
            "id, document_id, case_id, file, original_name, size, content_type, sha256, extracted_text, uploaded_at",
            file_rows,
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for table in ("records_case", "records_document", "records_documentfile"):
                cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))")
    return queries, cases, documents


def insert(cursor, table, columns, rows, batch=5000):
    marks = ", ".join(["%s"] * len(columns.split(",")))
    for start in range(0, len(rows), batch):
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows[start : start + batch])


def wagtail_models():
    """Benchmark-only proxies of Case and Document indexed by Wagtail's search (never migrated)."""
    from wagtail.search import index

    from records.models import Case, Document

    class BenchCase(index.Indexed, Case):
        search_fields = [
            index.SearchField("reference"),
            index.SearchField("title"),
            index.SearchField("description"),
            index.AutocompleteField("title"),
        ]

        class Meta:
            proxy = True
            app_label = "search"

    class BenchDocument(index.Indexed, Document):
        search_fields = [
            index.SearchField("reference"),
            index.SearchField("title"),
            index.SearchField("counterpart"),
            index.SearchField("file_text"),
            index.AutocompleteField("title"),
        ]

        class Meta:
            proxy = True
            app_label = "search"

        def file_text(self):
            return "\n".join(f.extracted_text for f in self.files.all())

    return BenchCase, BenchDocument


@contextmanager
def deadline(seconds: float):
    """Cancel the database's work on a query after `seconds` (raises django.db.OperationalError)."""
    from django.db import connection

    connection.ensure_connection()
    if connection.vendor == "sqlite":
        end = time.perf_counter() + seconds
        connection.connection.set_progress_handler(lambda: int(time.perf_counter() > end), 100_000)
        try:
            yield
        finally:
            connection.connection.set_progress_handler(None, 0)
    else:
        with connection.cursor() as cursor:
            cursor.execute(f"SET statement_timeout = {int(seconds * 1000)}")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SET statement_timeout = 0")


class Wagtail:
    """Wagtail's default database backend (SQLite FTS5 / PostgreSQL), as a site would use it."""

    def __init__(self):
        from wagtail.search.backends import get_search_backend

        self.backend = get_search_backend()
        self.case, self.document = wagtail_models()
        self.timeouts = 0

    def build(self):
        self.backend.reset_indexes()
        for model, queryset in (
            (self.case, self.case.objects.all()),
            (self.document, self.document.objects.select_related("case").prefetch_related("files")),
        ):
            last = 0
            while chunk := list(queryset.filter(pk__gt=last).order_by("pk")[:2000]):
                self.backend.add_bulk(model, chunk)
                last = chunk[-1].pk

    def run(self, category, text, limit=20):
        """The first `limit` hits of each model, best first (no counts: they would double the time)."""
        from django.db import OperationalError

        method = self.backend.autocomplete if category == "prefix" else self.backend.search
        found = []
        try:
            with deadline(WAGTAIL_DEADLINE):
                for model, kind in ((self.case, "case"), (self.document, "document")):
                    found += [(kind, obj.pk) for obj in method(text, model, operator="and")[:limit]]
        except OperationalError:
            self.timeouts += 1
            return []
        return found


def ours(reader):
    from search.query import SearchQuery

    def run(category, text, limit=20):
        results = SearchQuery(text, reader, page_size=limit, as_you_type=category == "prefix").execute()
        return [(hit.type, hit.id) for hit in results.hits]

    return run


def measure(run, queries, rounds: int, warm_up: bool, page: int = 20):
    """Latency of a results page of `page` hits per query over `rounds` rounds, and recall in the
    top 100 (taken from the timed pages when they hold 100 hits)."""
    if warm_up:
        for category, text, _relevant in queries:
            run(category, text, limit=page)
    timings, pages = [], {}
    for _ in range(rounds):
        for category, text, _relevant in queries:
            start = time.perf_counter()
            pages[text] = run(category, text, limit=page)
            timings.append((time.perf_counter() - start) * 1000)
    recall: dict[str, list[float]] = {}
    for category, text, relevant in queries:
        found = set(pages[text] if page >= 100 else run(category, text, limit=100))
        recall.setdefault(category, []).append(len(found & relevant) / len(relevant))
    cuts = statistics.quantiles(timings, n=100)
    return {"p50": statistics.median(timings), "p95": cuts[94], "recall": recall}


def mean(values):
    return sum(values) / len(values) if values else 0.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="share of the full corpus (default 1.0)")
    scale = parser.parse_args().scale
    connection = setup_django()
    figures: dict[str, float] = {}
    try:
        from classification.importing.apply import import_plan
        from classification.importing.files import read_plan_file
        from search import indexing
        from search.backends import get_backend
        from tests.factories import SEED_CSV, UserFactory

        import_plan(read_plan_file(SEED_CSV))
        reader = UserFactory(username="bench-reader", groups=["Läsare"])
        with timed(figures, "generate"):
            queries, cases, documents = generate(scale)
        with timed(figures, "ours_build"):
            items = indexing.rebuild()
        wagtail = Wagtail()
        with timed(figures, "wagtail_build"):
            wagtail.build()
        mine = measure(ours(reader), queries, rounds=3, warm_up=True)
        broad = measure(ours(reader), [("broad", text, {("x", 0)}) for text in BROAD], rounds=3, warm_up=True)
        # Wagtail's queries take long on the full corpus: one round of 100-hit pages, no warm-up.
        theirs = measure(wagtail.run, queries, rounds=1, warm_up=False, page=100)
    finally:
        teardown_django(connection)

    lines = [
        f"database: {connection.vendor}; our backend: {get_backend().name}; scale {scale}",
        (
            f"corpus: {cases:,} cases, {documents:,} documents with file text; {len(queries)} queries; generated in "
            f"{figures['generate']:.1f} s"
        ),
        (
            f"index build: ours {figures['ours_build']:.1f} s ({items:,} rows incl. the plan), Wagtail "
            f"{figures['wagtail_build']:.1f} s; ratio Wagtail/ours {figures['wagtail_build'] / figures['ours_build']:.2f}"
        ),
        (
            "latency per query (ours: a page of 20 hits with total, 5 facets and snippets, as a reader; "
            "Wagtail: the top 100 of each model, no count, no permissions):"
        ),
        f"  p50: ours {mine['p50']:.1f} ms, Wagtail {theirs['p50']:.1f} ms; ratio {theirs['p50'] / mine['p50']:.1f}x",
        f"  p95: ours {mine['p95']:.1f} ms, Wagtail {theirs['p95']:.1f} ms; ratio {theirs['p95'] / mine['p95']:.1f}x",
        (
            f"  broad queries matching much of the corpus ({', '.join(BROAD)}), ours only: "
            f"p50 {broad['p50']:.1f} ms, p95 {broad['p95']:.1f} ms"
        ),
        f"  Wagtail queries stopped after {WAGTAIL_DEADLINE:.0f} s: {wagtail.timeouts}",
        "recall in the top 100 (ours: 100 overall; Wagtail: 100 per model):",
    ]
    for category in ("inflected", "plain", "pair", "prefix", "reference"):
        a, b = mean(mine["recall"][category]), mean(theirs["recall"][category])
        lines.append(f"  {category:<10} ({len(mine['recall'][category]):>2} queries): ours {a:6.1%}, Wagtail {b:6.1%}")
    every = [r for values in mine["recall"].values() for r in values]
    every_theirs = [r for values in theirs["recall"].values() for r in values]
    lines.append(f"  all        ({len(every):>2} queries): ours {mean(every):6.1%}, Wagtail {mean(every_theirs):6.1%}")
    lines += [
        (
            f"targets: p95 < 50 ms: {'yes' if mine['p95'] < 50 else 'NO'}; faster than Wagtail (p95): "
            f"{'yes' if mine['p95'] < theirs['p95'] else 'NO'}; higher recall on inflected forms: "
            f"{'yes' if mean(mine['recall']['inflected']) > mean(theirs['recall']['inflected']) else 'NO'}"
        ),
    ]
    report("Swedish full-text search", lines)


if __name__ == "__main__":
    main()
