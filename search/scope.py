"""Which index rows a viewer may match: the register's rules from records.register.access, as filters."""

from dataclasses import dataclass
from functools import cached_property

from django.db.models import Q
from django.db.models.expressions import RawSQL

from records.models import Case
from records.register import access

from .items import ALL, FULL, GUIDE, MASKED, PROCESS, REGISTER_KINDS


@dataclass(frozen=True)
class Scope:
    """What one viewer may search.

    `register`: whether cases and documents are searched at all (records.view_case).
    `every_case`: full rows of every confidential case (registrars).
    `condition`: otherwise, records.register.access.access_condition(user): the confidential cases it
    matches are seen in full, every other confidential case only by its masked rows.
    """

    register: bool
    every_case: bool = False
    condition: Q | None = None
    case_ids: tuple[int, ...] | None = None  # the full cases given outright (tests)

    @property
    def kinds(self) -> frozenset[str]:
        return frozenset({PROCESS, GUIDE} | (REGISTER_KINDS if self.register else set()))

    @cached_property
    def full_case_ids(self) -> tuple[int, ...]:
        """The confidential cases seen in full, as ids (for engines that cannot join the register)."""
        if self.case_ids is not None or self.condition is None:
            return tuple(self.case_ids or ())
        cases = Case.objects.exclude(legal_ground="").filter(self.condition).order_by("pk")
        return tuple(cases.values_list("pk", flat=True))

    def full_cases_sql(self, case_column: str) -> tuple[str, list] | None:
        """An SQL condition: the case in `case_column` is seen in full (None: given as ids instead).
        Correlated on the row's case, so only matching confidential rows are ever checked."""
        if self.condition is None or self.case_ids is not None:
            return None
        cases = Case.objects.filter(self.condition).filter(pk=RawSQL(case_column, ())).values("pk")
        sql, params = cases.query.sql_with_params()
        return f"EXISTS ({sql})", list(params)

    def row_visible(self, kind: str, audience: str, case_id: int | None) -> bool:
        """The rule every backend's filter expresses, for one row."""
        if kind not in self.kinds:
            return False
        if audience == ALL:
            return True
        if self.every_case:
            return audience == FULL
        has_full = case_id in self.full_case_ids
        return (audience == FULL) == has_full and audience in (FULL, MASKED)


def scope_for(user) -> Scope:
    """The viewer's scope. `None` (the command without --user) is the public: the plan and guides."""
    if not access.can_view_register(user):
        return Scope(register=False)
    condition = access.access_condition(user)
    if condition is None:
        return Scope(register=True, every_case=True)
    return Scope(register=True, condition=condition)
