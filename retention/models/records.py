"""Disposal records (gallringsloggen): the permanent trace of each disposed case; never changed or deleted."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .disposal import DisposalList


class PermanentRecordError(Exception):
    """Raised on any attempt to change or delete a disposal record."""


class DisposalRecordQuerySet(models.QuerySet):
    def delete(self):
        raise PermanentRecordError("Disposal records are permanent and cannot be deleted.")

    def update(self, **kwargs):
        raise PermanentRecordError("Disposal records are permanent and cannot be changed.")


class DisposalRecord(models.Model):
    """What was disposed, when, by whom and under which rule. Names are copied: users may go, the record stays."""

    case_key = models.BigIntegerField(_("ärendets id"), unique=True)
    reference = models.CharField(_("diarienummer"), max_length=60, unique=True)
    process_code = models.CharField(_("processkod"), max_length=40)
    process_title = models.CharField(_("process"), max_length=300)
    title = models.CharField(_("ärendemening (eller offentlig ärendemening)"), max_length=500)
    was_confidential = models.BooleanField(_("sekretessmarkerat"), default=False)
    opened_on = models.DateField(_("registrerat"))
    closed_on = models.DateField(_("avslutat"), null=True)
    rule_description = models.CharField(_("regel"), max_length=400)
    authority = models.CharField(_("gallringsbeslut"), max_length=200, blank=True)
    due_date = models.DateField(_("gallringsbar från"))
    disposal_list = models.ForeignKey(
        DisposalList, verbose_name=_("gallringslista"), related_name="records", on_delete=models.PROTECT
    )
    list_name = models.CharField(_("gallringslistans namn"), max_length=120)
    approved_by_name = models.CharField(_("godkänd av"), max_length=200)
    executed_by_name = models.CharField(_("verkställd av"), max_length=200)
    disposed_at = models.DateTimeField(_("gallrad"))
    documents = models.PositiveIntegerField(_("antal handlingar"), default=0)
    files = models.PositiveIntegerField(_("antal filer"), default=0)

    objects = DisposalRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("gallringslogg")
        verbose_name_plural = _("gallringslogg (gallrade ärenden)")
        ordering = ["-disposed_at", "reference"]

    def __str__(self):
        return self.reference

    def save(self, *args, **kwargs):
        if self.pk is not None or not self._state.adding:
            raise PermanentRecordError("Disposal records are permanent and cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermanentRecordError("Disposal records are permanent and cannot be deleted.")
