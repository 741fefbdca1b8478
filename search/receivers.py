"""Signal receivers: the register, the plan and the CMS announce changes; search records an index task in the
outbox, in the transaction of the change, and the outbox hands it to Celery after the commit (or later, when
the broker was down). One pending task per case, node list or guide: ten changes in a row index once.

One reaction cannot wait for the commit: when a case row is deleted (disposal erases it), its entries leave the
database index in the same transaction, and Elasticsearch queries stop returning the case from that commit on
(search.indexing.case_erased), so no crash after the commit leaves destroyed content searchable.
`search_index --repair` (run nightly) brings the index back in step with the database whatever happened.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from classification.signals import plan_changed
from outbox.services import enqueue
from records.models import Case
from records.register.signals import case_changed, case_deleted

from . import indexing, tasks
from .items import guide_model


def _send(task, *args) -> None:
    enqueue(task, *args, dedupe=True)


@receiver(case_changed, dispatch_uid="search_case_changed")
def case_changed_received(sender, case_id, change=None, **kwargs):
    _send(tasks.index_case, case_id)


@receiver(case_deleted, dispatch_uid="search_case_deleted")
def case_deleted_received(sender, case_id, reference=None, **kwargs):
    _send(tasks.remove_case, case_id)


@receiver(post_delete, sender=Case, dispatch_uid="search_case_row_deleted")
def case_row_deleted(sender, instance, **kwargs):
    indexing.case_erased(instance.pk)


@receiver(plan_changed, dispatch_uid="search_plan_changed")
def plan_changed_received(sender, codes=(), **kwargs):
    _send(tasks.index_nodes, list(codes or []))


def connect_guides() -> None:
    """Wagtail's publish signals, for guide pages (when a guide model is configured)."""
    guide_page = guide_model()
    if guide_page is None:
        return

    def guide_changed(sender, instance, **kwargs):
        if isinstance(instance, guide_page):
            _send(tasks.index_guide, instance.pk)

    def guides_may_have_changed(sender, **kwargs):
        _send(tasks.index_guides)

    page_published.connect(guide_changed, weak=False, dispatch_uid="search_guide_published")
    page_unpublished.connect(guide_changed, weak=False, dispatch_uid="search_guide_unpublished")
    post_delete.connect(guide_changed, sender=guide_page, weak=False, dispatch_uid="search_guide_deleted")
    # Privacy and moves can hide or show a whole branch of guides at once; there are few guides.
    for signal in (post_save, post_delete):
        signal.connect(
            guides_may_have_changed,
            sender=PageViewRestriction,
            weak=False,
            dispatch_uid=f"search_guides_restricted_{signal is post_save}",
        )
    post_page_move.connect(guides_may_have_changed, weak=False, dispatch_uid="search_guides_moved")
