"""Documents (handlingar) in a case, and the files that carry their content."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from classification.models import DocumentType
from records.register.models.cases import Case


class Direction(models.TextChoices):
    INCOMING = "incoming", _("Inkommande")
    DRAWN_UP = "drawn_up", _("Upprättad")
    OUTGOING = "outgoing", _("Utgående")


class Document(models.Model):
    case = models.ForeignKey(Case, verbose_name=_("ärende"), related_name="documents", on_delete=models.CASCADE)
    number = models.PositiveIntegerField(_("handlingsnummer"))
    direction = models.CharField(_("riktning"), max_length=20, choices=Direction.choices)
    document_date = models.DateField(_("handlingens datum"), null=True, blank=True)
    registered_on = models.DateField(_("registrerad"), db_index=True)
    document_type = models.ForeignKey(
        DocumentType, verbose_name=_("handlingstyp"), null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    document_type_text = models.CharField(
        _("handlingstyp (fritext)"),
        max_length=300,
        blank=True,
        help_text=_("När ingen av processens handlingstyper passar."),
    )
    title = models.CharField(_("rubrik"), max_length=500)
    counterpart = models.CharField(_("avsändare/mottagare"), max_length=300, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registrerad av"),
        null=True,
        related_name="+",
        on_delete=models.PROTECT,
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("handling")
        verbose_name_plural = _("handlingar")
        ordering = ["case", "number"]
        constraints = [models.UniqueConstraint(fields=["case", "number"], name="unique_document_number_per_case")]

    def __str__(self):
        return self.reference

    @property
    def reference(self) -> str:
        """`BOP 2026/42-3`: the case's number and the document's number in it."""
        return f"{self.case.reference}-{self.number}"

    @property
    def type_name(self) -> str:
        return self.document_type.name if self.document_type_id else self.document_type_text


class DocumentFile(models.Model):
    """One stored file of a document. Immutable once stored; served only by a permission-checked view."""

    document = models.ForeignKey(Document, verbose_name=_("handling"), related_name="files", on_delete=models.CASCADE)
    # Denormalised from the document so "the same file twice in one case" is a database constraint.
    case = models.ForeignKey(Case, verbose_name=_("ärende"), related_name="files", on_delete=models.CASCADE)
    file = models.FileField(_("fil"), max_length=300)
    original_name = models.CharField(_("filnamn"), max_length=255)
    size = models.PositiveBigIntegerField(_("storlek (byte)"))
    content_type = models.CharField(_("innehållstyp"), max_length=120)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    extracted_text = models.TextField(_("extraherad text"), blank=True)
    uploaded_at = models.DateTimeField(_("uppladdad"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uppladdad av"), null=True, related_name="+", on_delete=models.PROTECT
    )

    # The extracted text is derived from the file; keeping copies of it in history adds nothing.
    history = HistoricalRecords(excluded_fields=["extracted_text"])

    class Meta:
        verbose_name = _("fil")
        verbose_name_plural = _("filer")
        ordering = ["document", "id"]
        constraints = [models.UniqueConstraint(fields=["case", "sha256"], name="unique_file_content_per_case")]

    def __str__(self):
        return self.original_name
