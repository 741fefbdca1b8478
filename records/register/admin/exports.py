"""The case list export (CSV/XLSX via django-import-export), masked for the person exporting."""

from django.utils.translation import gettext_lazy as _
from import_export import fields, resources

from common.tabular import CleanedExportMixin
from records.register import access
from records.register.models.cases import Case


class CaseExportResource(CleanedExportMixin, resources.ModelResource):
    """Exports what records.register.access.masked() shows the exporting user, never the raw model fields."""

    reference = fields.Field(attribute="reference", column_name=_("Diarienummer"))
    process = fields.Field(attribute="process_code", column_name=_("Process"))
    process_title = fields.Field(attribute="process_title", column_name=_("Processens rubrik"))
    title = fields.Field(attribute="title", column_name=_("Ärendemening"))
    status = fields.Field(attribute="status_label", column_name=_("Status"))
    opened_on = fields.Field(attribute="opened_on", column_name=_("Registrerat"))
    closed_on = fields.Field(attribute="closed_on", column_name=_("Avslutat"))
    responsible = fields.Field(column_name=_("Handläggare"))
    legal_ground = fields.Field(attribute="legal_ground", column_name=_("Sekretessgrund"))

    class Meta:
        model = Case
        name = _("Ärenden (sekretess maskerad)")
        fields = (
            "reference",
            "process",
            "process_title",
            "title",
            "status",
            "opened_on",
            "closed_on",
            "responsible",
            "legal_ground",
        )
        export_order = fields

    def __init__(self, user=None, **kwargs):
        super().__init__(**kwargs)
        self.user = user

    def export_resource(self, instance, selected_fields=None, **kwargs):
        view = access.masked(instance, self.user, with_parties=False)
        return super().export_resource(view, selected_fields, **kwargs)

    def dehydrate_responsible(self, view):
        user = view.responsible
        return "" if user is None else (user.get_full_name() or user.get_username())
