"""The classification plan: a tree of areas, process groups and processes, with document types."""

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from mptt.managers import TreeManager
from mptt.models import MPTTModel, TreeForeignKey
from mptt.querysets import TreeQuerySet
from simple_history.models import HistoricalRecords

from .rules import Kind, check_placement, sort_key

MPTT_FIELDS = ["lft", "rght", "tree_id", "level"]


class NodeQuerySet(TreeQuerySet):
    def active(self, on: datetime.date | None = None):
        on = on or timezone.localdate()
        return self.filter(models.Q(valid_to__isnull=True) | models.Q(valid_to__gt=on)).filter(
            models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=on)
        )

    def processes(self):
        return self.filter(kind=Kind.PROCESS)


class Node(MPTTModel):
    class KindChoices(models.TextChoices):
        AREA = Kind.AREA, _("Verksamhetsområde (VO)")
        GROUP = Kind.GROUP, _("Processgrupp (PG)")
        PROCESS = Kind.PROCESS, _("Process (P)")

    kind = models.CharField(_("nivå"), max_length=2, choices=KindChoices.choices)
    code = models.CharField(_("kod"), max_length=40, unique=True)
    sort_key = models.CharField(max_length=200, editable=False, db_index=True)
    title = models.CharField(_("rubrik"), max_length=300)
    description = models.TextField(_("beskrivning"), blank=True)
    comments = models.TextField(_("övriga kommentarer"), blank=True)
    valid_from = models.DateField(_("giltig från"), null=True, blank=True)
    valid_to = models.DateField(
        _("upphör"), null=True, blank=True, help_text=_("Från detta datum tar processen inte emot nya ärenden.")
    )
    parent = TreeForeignKey(
        "self", verbose_name=_("överordnad"), null=True, blank=True, related_name="children", on_delete=models.PROTECT
    )
    see_also = models.ManyToManyField(
        "self", through="CrossReference", symmetrical=False, related_name="referenced_by", blank=True
    )

    objects = TreeManager.from_queryset(NodeQuerySet)()
    history = HistoricalRecords(excluded_fields=MPTT_FIELDS + ["sort_key"])

    class MPTTMeta:
        order_insertion_by = ["sort_key"]

    class Meta:
        verbose_name = _("nod i klassificeringsstrukturen")
        verbose_name_plural = _("klassificeringsstruktur")
        ordering = ["tree_id", "lft"]

    def __str__(self):
        return f"{self.kind} {self.code} {self.title}"

    @property
    def is_ceased(self) -> bool:
        return self.valid_to is not None and self.valid_to <= timezone.localdate()

    @property
    def accepts_records(self) -> bool:
        return self.kind == Kind.PROCESS and not self.is_ceased

    def clean(self):
        parent = self.parent
        check_placement(self.code, self.kind, parent.code if parent else None, parent.kind if parent else None)

    def save(self, *args, **kwargs):
        # The rules hold on every path that saves a node (admin, import, API, shell).
        self.clean()
        self.sort_key = sort_key(self.code)
        super().save(*args, **kwargs)


class DocumentType(models.Model):
    """A kind of document filed under a process ("Exempel på handlingar"), one row each."""

    node = models.ForeignKey(Node, verbose_name=_("process"), related_name="document_types", on_delete=models.CASCADE)
    name = models.CharField(_("handlingstyp"), max_length=300)
    position = models.PositiveIntegerField(_("ordning"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("handlingstyp")
        verbose_name_plural = _("handlingstyper")
        ordering = ["node", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["node", "name"], name="unique_document_type_per_node")]

    def __str__(self):
        return self.name


class CrossReference(models.Model):
    """A pointer from one node to another, found in the plan's comments ("hanteras i 2.4.1")."""

    source = models.ForeignKey(Node, related_name="outgoing_references", on_delete=models.CASCADE)
    target = models.ForeignKey(Node, related_name="incoming_references", on_delete=models.CASCADE)
    sentence = models.TextField(_("mening"))

    class Meta:
        verbose_name = _("hänvisning")
        verbose_name_plural = _("hänvisningar")
        ordering = ["source", "target"]
        constraints = [models.UniqueConstraint(fields=["source", "target"], name="unique_cross_reference")]

    def __str__(self):
        return f"{self.source.code} → {self.target.code}"
