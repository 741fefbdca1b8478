"""Fixtures shared by every test module."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED_TEXT = ROOT / "fixtures" / "seeds" / "klassificeringsstruktur.txt"
SEED_CSV = ROOT / "fixtures" / "classification_plan.csv"


@pytest.fixture
def seed_plan(db):
    """The seed classification plan (67 nodes), loaded through the importer."""
    from classification.importing.apply import import_plan
    from classification.importing.files import read_plan_file

    import_plan(read_plan_file(SEED_CSV))
    from classification.models import Node

    return {node.code: node for node in Node.objects.all()}


@pytest.fixture
def make_user(db):
    from .factories import UserFactory

    def make(groups=(), **kwargs):
        return UserFactory(groups=list(groups), **kwargs)

    return make
