"""The backend protocol and the shapes every backend takes and returns."""

import datetime
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Protocol

from ..items import IndexItem
from ..parsing import ParsedQuery
from ..scope import Scope

FACETS = ("type", "process", "record_type", "status", "year")
RELEVANCE, DATE = "relevance", "date"


@dataclass(frozen=True)
class Filters:
    """Narrowing a search: type of item, process subtree (a code), record type, status and year."""

    kind: str = ""
    process: str = ""
    record_type: str = ""
    status: str = ""
    year: int | None = None

    def any(self) -> bool:
        return bool(self.kind or self.process or self.record_type or self.status or self.year)


@dataclass
class BackendQuery:
    parsed: ParsedQuery | None  # None: no words, list what the filters select
    scope: Scope
    filters: Filters
    process_path: str = ""  # the subtree filter as a path prefix (`/2/2.9/`)
    sort: str = RELEVANCE
    offset: int = 0
    limit: int = 20
    exclude: tuple[str, ...] = ()  # keys of rows already shown (exact reference matches)

    def kinds(self) -> list[str]:
        kinds = sorted(self.scope.kinds)
        return [k for k in kinds if k == self.filters.kind] if self.filters.kind else kinds


@dataclass
class Row:
    key: str
    kind: str
    object_id: int
    audience: str
    case_id: int | None
    reference: str
    title: str
    process_code: str
    record_type: str
    status: str
    year: int | None
    date: datetime.date | None
    score: float = 0.0
    snippet: str = ""  # HTML: escaped text with <mark> around matched words


@dataclass
class BackendResults:
    total: int = 0
    rows: list[Row] = field(default_factory=list)
    facets: dict[str, Counter] = field(default_factory=lambda: {name: Counter() for name in FACETS})


@dataclass(frozen=True)
class IndexedRow:
    """What `search_index --verify` compares of one entry in the index."""

    key: str
    case_id: int | None
    fingerprint: str
    process_path: str
    reference: str


class SearchBackend(Protocol):
    name: str
    transactional: bool  # writes are part of the caller's database transaction

    # Writing. `index`: a rebuild's new index (Elasticsearch); None: the live index, and a rebuild's
    # new index too while one is being built, so that no write is lost when it is swapped in.

    def replace_cases(self, items_by_case: dict[int, list[IndexItem]], *, index: str | None = None) -> None:
        """Make the index hold exactly these items for each case (the case and its documents)."""

    def remove_cases(self, case_ids: list[int]) -> None: ...

    def replace(
        self,
        kind: str,
        items: list[IndexItem],
        *,
        object_ids: Iterable[int] | None = None,
        references: Iterable[str] | None = None,
        index: str | None = None,
    ) -> None:
        """Make the index hold exactly `items` for the objects of one kind (plan nodes, guides) given
        by id or by reference (a node's code); neither given: every object of that kind."""

    def update_paths(self, paths: dict[str, str], *, index: str | None = None) -> int:
        """Give the rows filed under these process codes their current paths; returns rows changed."""

    def begin_rebuild(self) -> str | None:
        """Prepare a rebuild; returns the index it writes to (None: the live one)."""

    def finish_rebuild(self, index: str | None, started: int) -> None:
        """Make the rebuilt index the live one and drop what the rebuild found gone; `started` is the stamp
        taken before the rebuild read anything."""

    def abort_rebuild(self, index: str | None) -> None: ...

    # Reading.

    def search(self, query: BackendQuery) -> BackendResults: ...

    def lookup(self, keys: list[str], query: BackendQuery) -> list[Row]:
        """Rows whose reference key is one of `keys`, within the query's scope and filters."""

    def stats(self) -> dict[str, int]: ...

    # Checking (search.verify).

    def fingerprints(self, *, case_ids: list[int] | None = None, kind: str | None = None) -> list[IndexedRow]:
        """The rows of these cases (their case and document entries), or of every object of one kind."""

    def indexed_case_ids(self, batch_size: int = 1000) -> Iterator[list[int]]:
        """Every case id that has entries in the index, in batches."""
