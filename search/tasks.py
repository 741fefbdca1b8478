"""Celery tasks that update the index; each takes ids, reads the data fresh and can run twice."""

from celery import shared_task

from . import indexing, verify

RETRY = {"autoretry_for": (ConnectionError, TimeoutError), "retry_backoff": True, "max_retries": 5}


@shared_task(name="search.index_case", **RETRY)
def index_case(case_id: int) -> int:
    return indexing.index_case(case_id)


@shared_task(name="search.remove_case", **RETRY)
def remove_case(case_id: int) -> None:
    indexing.remove_case(case_id)


@shared_task(name="search.index_nodes", **RETRY)
def index_nodes(codes: list[str]) -> int:
    return indexing.index_nodes(codes)


@shared_task(name="search.index_guide", **RETRY)
def index_guide(page_id: int) -> int:
    return indexing.index_guide(page_id)


@shared_task(name="search.index_guides", **RETRY)
def index_guides() -> int:
    return indexing.index_guides()


@shared_task(name="search.verify_and_repair", **RETRY)
def verify_and_repair() -> dict[str, int]:
    """Nightly: compare the whole index with the database and fix every difference (see search.verify)."""
    found = verify.verify()
    repaired = verify.repair(found)
    return {**found.counts(), "repaired": repaired}
