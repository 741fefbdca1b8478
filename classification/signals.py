"""Signals the plan sends on commit, so other apps (search, retention) can react without being imported."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal, receiver

from .models import DocumentType, Node

# Sent after a transaction that created or changed nodes or document types commits.
# Argument: codes (a list of the node codes concerned; empty means "possibly all").
plan_changed = Signal()


def send_plan_changed_on_commit(codes: list[str]) -> None:
    transaction.on_commit(lambda: plan_changed.send(sender=Node, codes=list(codes)))


def _connect():
    @receiver([post_save, post_delete], sender=Node, weak=False, dispatch_uid="plan_changed_node")
    def node_saved(sender, instance, **kwargs):
        send_plan_changed_on_commit([instance.code])

    @receiver([post_save, post_delete], sender=DocumentType, weak=False, dispatch_uid="plan_changed_doctype")
    def document_type_saved(sender, instance, **kwargs):
        send_plan_changed_on_commit([instance.node.code] if instance.node_id else [])
