"""What the SQLite and PostgreSQL backends share: the index table, its filters and facets."""

import datetime

from django.db import connection, transaction
from django.db.models import Count

from records.models import Case

from ..items import ALL, FULL, MASKED, IndexItem
from ..models import Entry
from .base import DATE, FACETS, BackendQuery, BackendResults, IndexedRow, Row

ROW_COLUMNS = (
    "e.id, e.kind, e.object_id, e.audience, e.case_id, e.reference, e.title, "
    "e.process_code, e.record_type, e.status, e.year, e.date"
)


COLUMNS = (
    "kind",
    "object_id",
    "audience",
    "case_id",
    "process_code",
    "process_path",
    "record_type",
    "status",
    "year",
    "date",
    "reference",
    "reference_key",
    "title",
    "reference_terms",
    "fingerprint",
    "body",
)


def placeholders(values) -> str:
    return ", ".join(["%s"] * len(values))


def entry_fields(item: IndexItem) -> dict:
    return {
        "kind": item.kind,
        "object_id": item.object_id,
        "audience": item.audience,
        "case_id": item.case_id,
        "process_code": item.process_code,
        "process_path": item.process_path,
        "record_type": item.record_type,
        "status": item.status,
        "year": item.year,
        "date": item.date,
        "reference": item.reference[:80],
        "reference_key": item.reference_key[:80],
        "title": item.title,
        "reference_terms": item.reference_terms,
        "fingerprint": item.fingerprint,
        "body": item.body,
    }


def scope_sql(query: BackendQuery) -> tuple[str, list]:
    """The viewer's rows (see search.scope.Scope.row_visible) and the filters, as a WHERE clause."""
    kinds = query.kinds()
    if not kinds:
        return "1 = 0", []
    sql, params = [f"e.kind IN ({placeholders(kinds)})"], list(kinds)
    scope = query.scope
    if not scope.register:
        sql.append("e.audience = %s")
        params.append(ALL)
    elif scope.every_case:
        sql.append("e.audience <> %s")
        params.append(MASKED)
    elif (correlated := scope.full_cases_sql("e.case_id")) is not None:
        full, full_params = correlated
        sql.append(f"(e.audience = %s OR (e.audience = %s AND {full}) OR (e.audience = %s AND NOT {full}))")
        params += [ALL, FULL, *full_params, MASKED, *full_params]
    elif scope.full_case_ids:
        ids = list(scope.full_case_ids)
        sql.append(
            f"(e.audience = %s OR (e.audience = %s AND e.case_id IN ({placeholders(ids)}))"
            f" OR (e.audience = %s AND e.case_id NOT IN ({placeholders(ids)})))"
        )
        params += [ALL, FULL, *ids, MASKED, *ids]
    else:
        sql.append("e.audience IN (%s, %s)")
        params += [ALL, MASKED]
    filters = query.filters
    for column, value in (("record_type", filters.record_type), ("status", filters.status), ("year", filters.year)):
        if value:
            sql.append(f"e.{column} = %s")
            params.append(value)
    if query.process_path:
        sql.append("e.process_path LIKE %s ESCAPE '!'")
        params.append(query.process_path.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%")
    exclude = [int(key) for key in query.exclude]
    if exclude:
        sql.append(f"e.id NOT IN ({placeholders(exclude)})")
        params += exclude
    return " AND ".join(sql), params


class DatabaseBackend:
    """The index in the project's own database; subclasses add the full-text engine."""

    name = "database"
    transactional = True

    # --- Text engine hooks ---------------------------------------------------------------------

    def _insert(self, items: list[IndexItem]) -> None:
        raise NotImplementedError

    def _delete_ids(self, ids: list[int]) -> None:
        """Remove engine data of rows about to be deleted (nothing when it lives in the row)."""

    def _match(self, query: BackendQuery) -> tuple[str, str, list, str]:
        """FROM clause, WHERE clause, params and score expression for the query's words."""
        raise NotImplementedError

    def _snippets(self, rows: list[Row], query: BackendQuery) -> None:
        raise NotImplementedError

    def _after_rebuild(self) -> None:
        pass

    # --- Writing -------------------------------------------------------------------------------

    def _delete(self, queryset) -> None:
        ids = list(queryset.values_list("id", flat=True))
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            self._delete_ids(chunk)
            Entry.objects.filter(id__in=chunk)._raw_delete(Entry.objects.db)

    def replace_cases(self, items_by_case, *, index=None):
        with transaction.atomic():
            ids = list(items_by_case)
            for start in range(0, len(ids), 500):
                self._delete(Entry.objects.filter(case_id__in=ids[start : start + 500]))
            self._insert([item for items in items_by_case.values() for item in items])

    def remove_cases(self, case_ids):
        with transaction.atomic():
            ids = list(case_ids)
            for start in range(0, len(ids), 500):
                self._delete(Entry.objects.filter(case_id__in=ids[start : start + 500]))

    def replace(self, kind, items, *, object_ids=None, references=None, index=None):
        with transaction.atomic():
            if object_ids is None and references is None:
                self._delete(Entry.objects.filter(kind=kind))
            for field, given in (("object_id", object_ids), ("reference", references)):
                values = list(given or [])
                for start in range(0, len(values), 500):
                    self._delete(Entry.objects.filter(kind=kind, **{f"{field}__in": values[start : start + 500]}))
            self._insert(items)

    def update_paths(self, paths, *, index=None):
        changed = 0
        for code, path in paths.items():
            changed += Entry.objects.filter(process_code=code).exclude(process_path=path).update(process_path=path)
        return changed

    # A rebuild writes the live table case by case (each case replaced in one transaction, so readers
    # always find it whole), then drops the entries of cases that are gone.

    def begin_rebuild(self):
        return None

    def finish_rebuild(self, index, started):
        with transaction.atomic():
            self._delete(Entry.objects.exclude(case_id=None).exclude(case_id__in=Case.objects.values("pk")))
        self._after_rebuild()

    def abort_rebuild(self, index):
        pass

    def stats(self):
        """Items per kind (a confidential case's two rows count once)."""
        rows = Entry.objects.exclude(audience=MASKED).values("kind").annotate(n=Count("id")).order_by("kind")
        return {row["kind"]: row["n"] for row in rows}

    # --- Reading -------------------------------------------------------------------------------

    def _order(self, query: BackendQuery) -> str:
        if query.sort == DATE:
            return "e.date DESC NULLS LAST, score DESC, e.id DESC"
        return "score DESC, e.date DESC NULLS LAST, e.id DESC"

    def search(self, query: BackendQuery) -> BackendResults:
        where, params = scope_sql(query)
        if query.parsed is None:
            source, match, match_params, score = "search_entry e", "1 = 1", [], "0.0"
        else:
            source, match, match_params, score = self._match(query)
        facet_sql = (
            f"SELECT e.kind, e.process_code, e.record_type, e.status, e.year, COUNT(*) FROM {source} "
            f"WHERE {match} AND {where} GROUP BY e.kind, e.process_code, e.record_type, e.status, e.year"
        )
        results = BackendResults()
        with connection.cursor() as cursor:
            cursor.execute(facet_sql, match_params + params)
            for kind, process, record_type, status, year, count in cursor.fetchall():
                results.total += count
                for name, value in zip(FACETS, (kind, process, record_type, status, year), strict=True):
                    if value not in ("", None):
                        results.facets[name][value] += count
            if results.total and query.limit > 0:
                cursor.execute(
                    f"SELECT {ROW_COLUMNS}, {score} AS score FROM {source} WHERE {match} AND {where} "
                    f"ORDER BY {self._order(query)} LIMIT %s OFFSET %s",
                    match_params + params + [query.limit, query.offset],
                )
                results.rows = [self._row(values) for values in cursor.fetchall()]
        if results.rows:
            self._snippets(results.rows, query)
        return results

    def lookup(self, keys, query):
        if not keys:
            return []
        where, params = scope_sql(query)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {ROW_COLUMNS}, 0.0 AS score FROM search_entry e "
                f"WHERE e.reference_key IN ({placeholders(keys)}) AND {where} ORDER BY e.kind, e.id",
                list(keys) + params,
            )
            rows = [self._row(values) for values in cursor.fetchall()]
        if rows:
            self._snippets(rows, query)
        return rows

    # --- Checking --------------------------------------------------------------------------------

    def fingerprints(self, *, case_ids=None, kind=None):
        rows = Entry.objects.all()
        if case_ids is not None:
            rows = rows.filter(case_id__in=case_ids)
        if kind is not None:
            rows = rows.filter(kind=kind)
        return [
            IndexedRow(f"{kind}-{object_id}-{audience}", case_id, fingerprint, path, reference)
            for kind, object_id, audience, case_id, fingerprint, path, reference in rows.values_list(
                "kind", "object_id", "audience", "case_id", "fingerprint", "process_path", "reference"
            )
        ]

    def indexed_case_ids(self, batch_size=1000):
        last = 0
        while True:
            ids = list(
                Entry.objects.filter(case_id__gt=last)
                .order_by("case_id")
                .values_list("case_id", flat=True)
                .distinct()[:batch_size]
            )
            if not ids:
                return
            yield ids
            last = ids[-1]

    @staticmethod
    def _row(values) -> Row:
        pk, kind, object_id, audience, case_id, reference, title, process, record_type, status, year, date, score = (
            values
        )
        if isinstance(date, str):
            date = datetime.date.fromisoformat(date)
        return Row(
            key=str(pk),
            kind=kind,
            object_id=object_id,
            audience=audience,
            case_id=case_id,
            reference=reference,
            title=title,
            process_code=process,
            record_type=record_type,
            status=status,
            year=year,
            date=date,
            score=float(score or 0.0),
        )
