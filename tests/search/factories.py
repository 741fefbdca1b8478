"""Builders and an Elasticsearch fake for the search tests (fixtures are in conftest.py)."""

from records.register import services
from records.register.tasks import extract_file_text
from search import indexing
from tests.records.factories import CaseFactory, DocumentFactory, text_file


def secret_case(
    process, *, title, description="", public_title="Ärende om stöd till enskild", responsible=None, parties=(), **masks
):
    """A confidential case (OSL 26 kap. 1 §) with the given mask flags (all masked by default)."""
    return CaseFactory(
        process=process,
        title=title,
        description=description,
        responsible=responsible,
        parties=list(parties),
        confidentiality=services.Confidentiality(legal_ground="OSL 26 kap. 1 §", public_title=public_title, **masks),
    )


def document_with_text(case, *, title, text, counterpart="Fiktiva Fastigheter AB", name="brev.txt"):
    document = DocumentFactory(case=case, title=title, counterpart=counterpart, files=[text_file(name, text)])
    for stored in document.files.all():
        extract_file_text(stored.pk)  # what the task does once the upload commits (tests roll back instead)
    return document


def reindex() -> int:
    return indexing.rebuild()


# --- Reference series of later record types (issue 4): just more cases in the same register ---


def series_case(process, *, title, code, pattern, prefix, serial, record_type, **kwargs):
    """A case numbered in its own series, e.g. work orders `AO1234` or installer cases `OK-0003826`."""
    from records.models import NumberSeries, SeriesCounter

    series, _created = NumberSeries.objects.get_or_create(
        code=code, defaults={"name": code, "pattern": pattern, "prefix": prefix, "yearly": False}
    )
    SeriesCounter.objects.update_or_create(series=series, year=0, defaults={"last_serial": serial - 1})
    return CaseFactory(process=process, title=title, series=series, record_type=record_type, **kwargs)


def work_order(process, *, title, serial=1234, **kwargs):
    return series_case(
        process,
        title=title,
        code="ao",
        pattern="{prefix}{serial}",
        prefix="AO",
        serial=serial,
        record_type="work_order",
        **kwargs,
    )


def installer_case(process, *, title, serial=3826, **kwargs):
    return series_case(
        process,
        title=title,
        code="ok",
        pattern="{prefix}-{serial:07d}",
        prefix="OK",
        serial=serial,
        record_type="installer_case",
        **kwargs,
    )


# --- A fake Elasticsearch: a real client on a node that records requests and answers canned JSON ---


class FakeElasticsearch:
    """`fake.client` is a real `Elasticsearch` client whose node never opens a socket.

    Every request is recorded in `fake.requests` as (method, path, body). Answers are taken from
    `fake.answers`, a list of (method, path substring, status, body) tried in order and consumed
    once used; unmatched requests get a plausible default (acknowledged, an empty search).
    """

    def __init__(self):
        from elastic_transport import ApiResponseMeta, BaseNode, HttpHeaders
        from elastic_transport._node import NodeApiResponse
        from elasticsearch import Elasticsearch

        fake = self
        self.requests: list[tuple[str, str, object]] = []
        self.answers: list[tuple[str, str, int, object]] = []

        class FakeNode(BaseNode):
            _CLIENT_META_HTTP_CLIENT = ("fake", "1.0")

            def perform_request(self, method, target, body=None, headers=None, request_timeout=None):
                status, payload = fake.answer(method, target, body)
                meta = ApiResponseMeta(
                    status=status,
                    http_version="1.1",
                    duration=0.0,
                    node=self.config,
                    headers=HttpHeaders({"content-type": "application/json", "x-elastic-product": "Elasticsearch"}),
                )
                return NodeApiResponse(meta, json_bytes(payload))

            def close(self):
                pass

        self.client = Elasticsearch("http://fake-es:9200", node_class=FakeNode, retry_on_timeout=False, max_retries=0)

    def on(self, method: str, path_part: str, body, status: int = 200):
        self.answers.append((method, path_part, status, body))

    def answer(self, method, target, body):
        decoded = decode_body(body)
        self.requests.append((method, target, decoded))
        for index, (want_method, part, status, payload) in enumerate(self.answers):
            if want_method == method and part in target:
                del self.answers[index]
                return status, payload
        if method == "HEAD":
            return 404, {}
        if "_search" in target:
            requested = (decoded or {}).get("aggs") or (decoded or {}).get("aggregations") or {}
            return 200, search_response([], aggregations={name: {"buckets": []} for name in requested})
        if "_bulk" in target:
            return 200, {"took": 1, "errors": False, "items": []}
        if "_delete_by_query" in target or "_update_by_query" in target:
            return 200, {"deleted": 0, "updated": 0, "failures": []}
        return 200, {"acknowledged": True}

    def bodies(self, path_part: str, method: str | None = None) -> list:
        return [body for m, path, body in self.requests if path_part in path and (method is None or m == method)]


def json_bytes(payload) -> bytes:
    import json

    return json.dumps(payload).encode()


def decode_body(body):
    import json

    if not body:
        return None
    text = body.decode() if isinstance(body, bytes) else body
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) > 1:  # NDJSON (bulk)
        return [json.loads(line) for line in lines]
    return json.loads(text)


def es_hit(item_id, *, kind="case", object_id=1, audience="all", score=1.0, highlight=None, **source):
    return {
        "_index": "ordna-search-1",
        "_id": item_id,
        "_score": score,
        "_source": {"kind": kind, "object_id": object_id, "audience": audience, "title": "", **source},
        **({"highlight": highlight} if highlight else {}),
    }


def search_response(hits, *, total=None, facets=None, aggregations=None):
    facets = facets or {}
    return {
        "took": 1,
        "timed_out": False,
        "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0},
        "hits": {
            "total": {"value": len(hits) if total is None else total, "relation": "eq"},
            "max_score": 1.0,
            "hits": hits,
        },
        "aggregations": {
            name: {
                "doc_count_error_upper_bound": 0,
                "sum_other_doc_count": 0,
                "buckets": [{"key": k, "doc_count": n} for k, n in facets.get(name, {}).items()],
            }
            for name in ("type", "process", "record_type", "status", "year")
        }
        | (aggregations or {}),
    }
