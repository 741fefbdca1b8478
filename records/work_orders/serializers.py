"""API serializers of work orders: input checked shallowly, rules in the services."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from common.api_input import InputSerializer
from records.register.api.serializers import (
    AvailableActionsField,
    TextSerializer,
    _required,
    case_files_data,
    person_data,
)
from records.work_orders.lifecycle import WORK_ORDER, can_see_pictures
from records.work_orders.models import Contractor, WorkOrderNote, WorkOrderStatus, WorkOrderType


class WorkOrderCreateSerializer(InputSerializer):
    order_type = serializers.ChoiceField(
        choices=WorkOrderType.choices,
        error_messages={
            **_required(_("Välj typ av arbetsorder.")),
            "invalid_choice": _("”{input}” är ingen typ av arbetsorder."),
        },
    )
    contractor = serializers.PrimaryKeyRelatedField(
        queryset=Contractor.objects.filter(is_active=True), error_messages=_required(_("Välj en aktiv entreprenör."))
    )
    property_name = serializers.CharField(max_length=200, error_messages=_required(_("Ange objektet (fastighet).")))
    apartment = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")
    address = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    subject = serializers.CharField(error_messages=_required(_("Ange vad arbetsordern avser.")))
    tenant_name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    tenant_phone = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")
    priority = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")
    ordered_via_web = serializers.BooleanField(required=False, default=False)
    is_unit = serializers.BooleanField(required=False, default=False)
    unit_description = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    batch_with = serializers.CharField(
        max_length=20,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Arbetsordernummer för en order på samma objekt (bunt)."),
    )


class NoteSerializer(TextSerializer):
    question = serializers.BooleanField(required=False, default=False, help_text=_("Sant = beställningsfråga."))


class AnswerSerializer(TextSerializer):
    question = serializers.PrimaryKeyRelatedField(
        queryset=WorkOrderNote.objects.filter(kind=WorkOrderNote.Kind.QUESTION),
        error_messages=_required(_("Ange vilken fråga som besvaras.")),
    )


class CompleteSerializer(InputSerializer):
    action_performed = serializers.CharField(required=False, allow_blank=True, default="")
    unit_model = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    unit_serial = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class NoteOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    text = serializers.CharField()
    answer_to = serializers.IntegerField(source="answer_to_id", allow_null=True)
    author = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()

    def get_author(self, note) -> dict | None:
        return person_data(note.author)


class WorkOrderOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reference = serializers.CharField(source="case.reference")
    process = serializers.CharField(source="case.process.code")
    order_type = serializers.ChoiceField(choices=WorkOrderType.choices)
    order_type_label = serializers.CharField(source="get_order_type_display")
    status = serializers.ChoiceField(choices=WorkOrderStatus.choices)
    status_label = serializers.CharField(source="get_status_display")
    property_name = serializers.CharField()
    apartment = serializers.CharField()
    address = serializers.CharField()
    orderer = serializers.CharField(source="orderer_display")
    ordered_via_web = serializers.BooleanField()
    tenant_name = serializers.CharField()
    tenant_phone = serializers.CharField()
    subject = serializers.CharField()
    priority = serializers.CharField()
    batch = serializers.IntegerField(source="batch_id", allow_null=True)
    contractor = serializers.SerializerMethodField()
    is_unit = serializers.BooleanField()
    unit_description = serializers.CharField()
    unit_model = serializers.CharField()
    unit_serial = serializers.CharField()
    action_performed = serializers.CharField()
    ordered_at = serializers.DateTimeField()
    accepted_at = serializers.DateTimeField(allow_null=True)
    completed_at = serializers.DateTimeField(allow_null=True)
    invoiced_at = serializers.DateTimeField(allow_null=True)
    cancelled_at = serializers.DateTimeField(allow_null=True)
    cancel_reason = serializers.CharField()

    def get_contractor(self, order) -> dict:
        return {"id": order.contractor_id, "name": order.contractor.name}


class WorkOrderDetailSerializer(WorkOrderOutputSerializer):
    notes = NoteOutputSerializer(many=True, source="notes.all")
    actions = AvailableActionsField(WORK_ORDER)
    pictures = serializers.SerializerMethodField()
    pictures_hidden = serializers.SerializerMethodField()

    def _visible(self, order) -> bool:
        return can_see_pictures(self.context["request"].user, order)

    def get_pictures(self, order) -> list[dict]:
        if not self._visible(order):
            return []
        return case_files_data(order.case, "api-work-orders-picture", order, self.context.get("request"))

    def get_pictures_hidden(self, order) -> bool:
        return not self._visible(order)
