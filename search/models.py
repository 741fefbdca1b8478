"""The database backend's index (one row per searchable item and audience, see search.items), and what keeps
every backend's index converging on the database: stamps, per-case versions and tombstones, locks."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Entry(models.Model):
    """One searchable item as one audience may see it.

    A confidential case (and each of its documents) has two rows: `masked`, holding only what
    people without access may see, and `full`. Everything else has one row, `all`. A search
    picks, per case, the one row the viewer may see, so masked words are never even matched.
    The text columns come last so that filtering and facets never read them.
    """

    kind = models.CharField(_("typ"), max_length=12)
    object_id = models.BigIntegerField(_("objekt"))
    audience = models.CharField(_("målgrupp"), max_length=8)
    case_id = models.BigIntegerField(_("ärende"), null=True, blank=True)
    process_code = models.CharField(_("process"), max_length=40, blank=True)
    process_path = models.CharField(_("sökväg i klassificeringsstrukturen"), max_length=400, blank=True)
    record_type = models.CharField(_("posttyp"), max_length=40, blank=True)
    status = models.CharField(_("status"), max_length=20, blank=True)
    year = models.PositiveSmallIntegerField(_("år"), null=True, blank=True)
    date = models.DateField(_("datum"), null=True, blank=True)
    reference = models.CharField(_("diarienummer eller kod"), max_length=80, blank=True)
    reference_key = models.CharField(max_length=80, blank=True)
    title = models.CharField(_("rubrik"), max_length=500)
    reference_terms = models.CharField(max_length=300, blank=True)
    fingerprint = models.CharField(max_length=40, blank=True)  # IndexItem.fingerprint, for `search_index --verify`
    body = models.TextField(_("text"), blank=True)

    class Meta:
        db_table = "search_entry"
        verbose_name = _("sökindexpost")
        verbose_name_plural = _("sökindex")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id", "audience"], name="search_entry_unique_item"),
        ]
        indexes = [
            models.Index(fields=["case_id"], name="search_entry_case"),
            models.Index(fields=["reference_key"], name="search_entry_reference"),
            models.Index(fields=["process_code"], name="search_entry_process"),
            models.Index(fields=["date"], name="search_entry_date"),
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id} ({self.audience})"


class IndexedCase(models.Model):
    """The newest write of a case's entries, by the stamp taken before its data was read; or that the case is gone.

    See search.versions: a write claims the case with its stamp and may write only if no later stamp has,
    and never once the case is gone (`present` false: ids are never reused). `purged` says that the
    entries of a gone case are known to be out of the index; until then queries leave the case out.
    """

    case_id = models.BigIntegerField(_("ärende"), primary_key=True)
    stamp = models.BigIntegerField(_("version"))
    present = models.BooleanField(_("finns"), default=True)
    purged = models.BooleanField(_("borttaget ur indexet"), default=True)

    class Meta:
        db_table = "search_indexedcase"
        verbose_name = _("indexerat ärende")
        verbose_name_plural = _("indexerade ärenden")
        indexes = [models.Index(fields=["case_id"], condition=models.Q(purged=False), name="search_case_unpurged")]

    def __str__(self):
        return f"{self.case_id} @ {self.stamp}{'' if self.present else ' (borta)'}"


class Stamp(models.Model):
    """Ever-increasing numbers from the id sequence; a row is deleted as soon as it has given its number."""

    id = models.BigAutoField(primary_key=True)

    class Meta:
        db_table = "search_stamp"

    def __str__(self):
        return str(self.pk)


class IndexLock(models.Model):
    """A row per kind indexed as a whole (`process`, `guide`), locked by writing it, and `rebuild`, which
    names the Elasticsearch index a running rebuild is filling (so that other writes reach it too)."""

    name = models.CharField(max_length=20, primary_key=True)
    building = models.CharField(max_length=200, blank=True)
    writes = models.BigIntegerField(default=0)

    class Meta:
        db_table = "search_indexlock"

    def __str__(self):
        return self.name
