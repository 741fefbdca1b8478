"""django-import-export resource for the plan: the admin's import with dry-run preview and row errors."""

from django.utils.translation import gettext_lazy as _
from import_export import fields, resources, widgets

from common.tabular import CleanedExportMixin

from .importing.columns import SWEDISH, key_of
from .importing.rows import join_examples, split_examples
from .models import Node
from .references import relink_cross_references
from .rules import normalise_code
from .services import set_document_types


class ParentWidget(widgets.ForeignKeyWidget):
    def clean(self, value, row=None, **kwargs):
        code = normalise_code(str(value or ""))
        if not code:
            return None
        try:
            return Node.objects.get(code=code)
        except Node.DoesNotExist:
            raise ValueError(_("Överordnad kod %(code)s finns inte i strukturen.") % {"code": code}) from None


class ExamplesField(fields.Field):
    """The document types as one cell; saved after the node by the resource."""

    def save(self, instance, row, is_m2m=False, **kwargs):
        instance._pending_examples = split_examples(str(row.get(self.column_name) or "").replace("\n", ";"))


class NodeResource(CleanedExportMixin, resources.ModelResource):
    # The file's columns carry the Swedish names of the command's export (columns.py); English ones are
    # renamed to them before the import reads the file.
    code = fields.Field(attribute="code", column_name=SWEDISH["code"])
    kind = fields.Field(attribute="kind", column_name=SWEDISH["kind"])
    title = fields.Field(attribute="title", column_name=SWEDISH["title"])
    parent = fields.Field(attribute="parent", column_name=SWEDISH["parent"], widget=ParentWidget(Node, "code"))
    description = fields.Field(attribute="description", column_name=SWEDISH["description"], default="")
    examples = ExamplesField(attribute="_pending_examples", column_name=SWEDISH["examples"])
    comments = fields.Field(attribute="comments", column_name=SWEDISH["comments"], default="")
    valid_to = fields.Field(
        attribute="valid_to", column_name=SWEDISH["valid_to"], widget=widgets.DateWidget("%Y-%m-%d")
    )

    class Meta:
        model = Node
        import_id_fields = ["code"]
        fields = ["code", "kind", "title", "parent", "description", "examples", "comments", "valid_to"]
        export_order = fields
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def before_import(self, dataset, **kwargs):
        """Known columns under their Swedish names, whichever name and case the file uses."""
        dataset.headers = [SWEDISH[key] if (key := key_of(name)) else name for name in (dataset.headers or [])]
        super().before_import(dataset, **kwargs)

    def before_import_row(self, row, **kwargs):
        code, kind, title = SWEDISH["code"], SWEDISH["kind"], SWEDISH["title"]
        row[code] = normalise_code(str(row.get(code) or ""))
        row[kind] = str(row.get(kind) or "").strip().upper()
        row[title] = str(row.get(title) or "").strip().rstrip(".").strip()

    def dehydrate_examples(self, node):
        return join_examples([doc_type.name for doc_type in node.document_types.all()])

    def get_export_queryset(self, request=None):
        return Node.objects.order_by("tree_id", "lft").select_related("parent").prefetch_related("document_types")

    def skip_row(self, instance, original, row, import_validation_errors=None):
        # Document types are not model fields: give the original its list, so that "unchanged" compares them too.
        if original.pk:
            original._pending_examples = list(original.document_types.values_list("name", flat=True))
        return super().skip_row(instance, original, row, import_validation_errors)

    def after_save_instance(self, instance, row, **kwargs):
        # In a dry run this happens inside the transaction that import-export rolls back.
        if hasattr(instance, "_pending_examples"):
            set_document_types(instance, instance._pending_examples)

    def after_import(self, dataset, result, **kwargs):
        if not result.has_errors() and not result.has_validation_errors():
            relink_cross_references()
