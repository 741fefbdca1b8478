"""Which index rows a viewer may match: the register's rules from records.access, as filters."""

from dataclasses import dataclass

from records import access

from .items import ALL, FULL, GUIDE, MASKED, PROCESS, REGISTER_KINDS


@dataclass(frozen=True)
class Scope:
    """What one viewer may search.

    `register`: whether cases and documents are searched at all (records.view_case).
    `every_case`: full rows of every confidential case (registrars).
    `full_case_ids`: otherwise, the confidential cases the viewer sees in full; for all other
    confidential cases only their masked rows can match.
    """

    register: bool
    every_case: bool = False
    full_case_ids: tuple[int, ...] = ()

    @property
    def kinds(self) -> frozenset[str]:
        return frozenset({PROCESS, GUIDE} | (REGISTER_KINDS if self.register else set()))

    def row_visible(self, kind: str, audience: str, case_id: int | None) -> bool:
        """The rule every backend's filter expresses, for one row (used by tests and pinned rows)."""
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
    from records.models import Case

    ids = Case.objects.exclude(legal_ground="").filter(condition).order_by("pk").values_list("pk", flat=True)
    return Scope(register=True, full_case_ids=tuple(ids))
