"""Fixtures of the cms tests: the guide index, an editor and a reviewer."""

import pytest

from cms.services import EDITOR_GROUP, REVIEWER_GROUP, ensure_guide_index


@pytest.fixture
def guide_index(db):
    return ensure_guide_index()


@pytest.fixture
def editor(make_user):
    return make_user(groups=[EDITOR_GROUP], is_staff=False, username="redaktor")


@pytest.fixture
def reviewer(make_user):
    return make_user(groups=[REVIEWER_GROUP], is_staff=False, username="granskare")
