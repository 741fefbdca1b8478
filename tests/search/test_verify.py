"""`search_index --verify` finds every entry that differs from the database; `--repair` (and the nightly task) fixes it.

--verify exits non-zero when it finds a difference (for monitoring); --repair exits zero once the index
is in step again, non-zero if anything is left.
"""

import io

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from classification.models import Node
from records.models import Case
from search import tasks
from search.models import Entry
from search.query import search
from tests.search.factories import CaseFactory, reindex

pytestmark = pytest.mark.django_db


def run(*args):
    out = io.StringIO()
    call_command("search_index", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def drifted(seed_plan, database_backend):
    """An index out of step with the database in every way it can be, without any signal."""
    cases = {
        name: CaseFactory(process=seed_plan["2.9.1"], title=title)
        for name, title in (
            ("missing", "Fuktskada i källarförråd"),
            ("changed", "Stopp i avloppet"),
            ("secret", "Sjukskrivning efter olycka"),
            ("gone", "Trasig tvättmaskin"),
        )
    }
    reindex()
    Entry.objects.filter(case_id=cases["missing"].pk).delete()
    Case.objects.filter(pk=cases["changed"].pk).update(title="Brandlarm i tvättstuga")
    Case.objects.filter(pk=cases["secret"].pk).update(legal_ground="OSL 39 kap. 3 §", public_title="Personalärende")
    Case.objects.filter(pk=cases["gone"].pk)._raw_delete(Case.objects.db)
    Node.objects.filter(code="2.13").update(title="Tillhandahålla elcyklar")
    return cases


def test_it_says_so_when_the_index_is_in_step(seed_plan, database_backend):
    CaseFactory(process=seed_plan["2.9.1"], title="Fuktskada i källarförråd")
    reindex()
    out = run("--verify")
    assert "stämmer med databasen (ärenden: 1, noder: 67, guider: 0)" in out


def test_it_reports_every_difference_and_exits_non_zero(drifted):
    out = io.StringIO()
    with pytest.raises(CommandError, match=r"skiljer sig från databasen på 5 punkter.*--repair"):
        call_command("search_index", "--verify", stdout=out)
    report = out.getvalue()
    assert "Saknas i indexet: 1" in report
    assert "Inaktuella (innehåll eller sekretess skiljer sig): 3" in report
    assert "Finns inte längre i databasen: 1" in report
    assert f"{drifted['missing'].reference} (saknas)" in report
    assert f"{drifted['secret'].reference} (inaktuell)" in report and "2.13 (inaktuell)" in report
    assert f"{drifted['gone'].reference} (finns inte längre)" in report


def test_verifying_changes_nothing(drifted, reader):
    before = sorted(Entry.objects.values_list("kind", "object_id", "audience", "title"))
    with pytest.raises(CommandError):
        run("--verify")
    assert sorted(Entry.objects.values_list("kind", "object_id", "audience", "title")) == before
    assert search("sjukskrivning", reader).total == 1  # still wrong: only --repair fixes it


def test_repair_brings_the_index_in_step(drifted, registrar, reader):
    out = run("--repair")
    assert "Rättade 5" in out
    assert "stämmer med databasen" in run("--verify")
    assert search("sjukskrivning", reader).total == 0
    assert [h.reference for h in search("personalärende", reader).hits] == [drifted["secret"].reference]
    assert [h.reference for h in search("fuktskada", registrar).hits] == [drifted["missing"].reference]
    assert search("stopp", registrar).total == 0 and search("brandlarm", registrar).total == 1
    assert not Entry.objects.filter(case_id=drifted["gone"].pk).exists()
    assert search("elcyklar", registrar).total == 1


def test_the_nightly_task_verifies_and_repairs(drifted, reader):
    assert tasks.verify_and_repair() == {"missing": 1, "stale": 3, "gone": 1, "repaired": 5}
    assert tasks.verify_and_repair() == {"missing": 0, "stale": 0, "gone": 0, "repaired": 0}
    assert search("sjukskrivning", reader).total == 0
    entry = settings.CELERY_BEAT_SCHEDULE["search-verify-and-repair"]
    assert entry["task"] == "search.verify_and_repair"


def test_it_rejects_more_than_one_mode_in_swedish(seed_plan, database_backend):
    with pytest.raises(CommandError, match="Välj en av --rebuild, --verify och --repair"):
        run("--verify", "--repair")
