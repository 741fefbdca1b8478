"""Signals the plan sends inside the transaction that changes it, so other apps (search, retention) can record
their follow-up work in that transaction (outbox.services.enqueue) without being imported. Receivers only
record work: it runs after the commit, and not at all if the transaction rolls back."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal, receiver

from .models import DocumentType, Node

# Sent inside a transaction that creates or changes nodes or document types.
# Argument: codes (a list of the node codes concerned; empty means "possibly all").
plan_changed = Signal()


def send_plan_changed(codes: list[str]) -> None:
    plan_changed.send(sender=Node, codes=list(codes))


def _connect():
    @receiver([post_save, post_delete], sender=Node, weak=False, dispatch_uid="plan_changed_node")
    def node_saved(sender, instance, **kwargs):
        send_plan_changed([instance.code])

    @receiver([post_save, post_delete], sender=DocumentType, weak=False, dispatch_uid="plan_changed_doctype")
    def document_type_saved(sender, instance, **kwargs):
        send_plan_changed([instance.node.code] if instance.node_id else [])
