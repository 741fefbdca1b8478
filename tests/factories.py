"""factory_boy factories shared by the test suite, and where the seed classification plan is."""

from pathlib import Path

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from classification.importing.apply import import_plan
from classification.importing.files import read_plan_file
from classification.models import DocumentType, Node

ROOT = Path(__file__).resolve().parent.parent
SEED_TEXT = ROOT / "fixtures" / "seeds" / "klassificeringsstruktur.txt"
SEED_CSV = ROOT / "fixtures" / "classification_plan.csv"  # the seed as the plan's CSV export writes it


def load_seed_plan():
    """The seed classification plan (67 nodes), imported through the importer as an archivist would."""
    return import_plan(read_plan_file(SEED_CSV))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="sv_SE")
    last_name = factory.Faker("last_name", locale="sv_SE")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("test-password-123")
    is_staff = True

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        """UserFactory(groups=["Registrator"]) puts the user in those role groups."""
        if create and extracted:
            for name in extracted:
                self.groups.add(Group.objects.get_or_create(name=name)[0])

    class Params:
        superuser = factory.Trait(is_superuser=True, username=factory.Sequence(lambda n: f"admin{n}"))


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Node
        django_get_or_create = ("code",)

    kind = "VO"
    code = factory.Sequence(lambda n: str(90 + n))
    title = factory.Sequence(lambda n: f"Verksamhetsområde {n}")
    parent = None


class ProcessFactory(factory.django.DjangoModelFactory):
    """A process under a fresh area unless a parent is given; code extends the parent's."""

    class Meta:
        model = Node
        django_get_or_create = ("code",)

    kind = "P"
    parent = factory.SubFactory(AreaFactory)
    code = factory.LazyAttributeSequence(lambda o, n: f"{o.parent.code}.{n + 1}")
    title = factory.Sequence(lambda n: f"Hantera ärendetyp {n}")
    description = "Processen omfattar handläggning av ärenden."

    class Params:
        ceased = factory.Trait(valid_to=factory.Faker("past_date"))


class DocumentTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DocumentType

    node = factory.SubFactory(ProcessFactory)
    name = factory.Sequence(lambda n: f"handlingstyp {n}")
