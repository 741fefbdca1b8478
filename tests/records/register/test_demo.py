"""The register's demo data: a realistic year, some confidential and closed cases, idempotent, no real people."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Count

from records import demo
from records.models import Case, CaseStatus, Document, DocumentFile, Party

pytestmark = pytest.mark.django_db


def test_it_loads_a_year_of_cases_once(seed_plan, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    out = io.StringIO()
    demo.load(out)
    counts = (Case.objects.count(), Document.objects.count(), DocumentFile.objects.count())
    demo.load(out)
    assert (Case.objects.count(), Document.objects.count(), DocumentFile.objects.count()) == counts
    assert "finns redan" in out.getvalue()

    assert counts[0] >= 200 and counts[1] > counts[0] and counts[2] > 0
    opened = Case.objects.values_list("opened_on", flat=True)
    assert (max(opened) - min(opened)).days >= 350
    assert Case.objects.values("process").distinct().count() >= 10
    assert Case.objects.exclude(legal_ground="").count() >= 5
    assert Case.objects.filter(status=CaseStatus.CLOSED).count() >= 50
    # Numbers are gap-free per year even though the year was registered in one go.
    for year in Case.objects.values_list("year", flat=True).distinct():
        serials = sorted(Case.objects.filter(year=year).values_list("serial", flat=True))
        assert serials == list(range(1, len(serials) + 1))
    assert not Case.objects.annotate(n=Count("documents")).filter(n=0).exists()


def test_it_uses_only_fictitious_people_without_passwords(seed_plan, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    demo.load(io.StringIO())
    for user in get_user_model().objects.filter(username__startswith="demo."):
        assert not user.has_usable_password()
    for number in Party.objects.filter(kind=Party.Kind.PERSON).values_list("identity_number", flat=True):
        assert re.fullmatch(r"19121212-98\d\d", number), number  # born 1912-12-12, serial 98xx: test numbers
