"""Declarative life-cycle tables: which action, from which state, to which state, by whom, on what conditions.

One `LifeCycle` per stateful thing is the single source of truth for "who may do what, when":
services call `check()` before they change anything, and the admin, the API and the portals offer
exactly `available_actions(user, obj)`. A test walks every state × role × action and compares what is
offered with what the service accepts.

Why a table of our own rather than django-fsm-2 or viewflow's fsm: those attach transitions to
model methods and answer "may this transition run" with a bare boolean; our rules need a Swedish
refusal per failed condition (a contractor is told why, not just "not allowed"), actions that do
not change state at all (notes, questions, pictures, access grants) and a system actor (`user=None`
for commands and demo data). That is 100 lines here, with no decorator magic on the models and no
dependency on a library whose model mixins would reach into our migrations.

Checks run in a fixed order so that a person gets the most useful reason:
1. who: the actor predicate; failing it raises `PermissionDenied` (the person may never do this);
2. state: the object's state must be one the action starts from; failing it raises `DomainError`
   with the refusal written for that state (or the action's general one);
3. guards: further conditions on the object and the person, each with its own refusal.
Messages are formatted with `LifeCycle.context(obj)` (for instance `%(ref)s` and `%(status)s`).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied

from .errors import DomainError

Predicate = Callable[[Any, Any], bool]  # (user, obj) -> bool; user None is the system


def anyone(user, obj) -> bool:
    return True


@dataclass(frozen=True)
class Guard:
    """A condition beyond the state, with the refusal a person reads when it does not hold."""

    test: Predicate
    refusal: str


@dataclass(frozen=True)
class Action:
    """One row of a life-cycle table."""

    name: str
    label: str
    sources: frozenset[str]
    target: str | None = None
    who: Predicate = anyone
    denial: str = ""
    refusal: str = ""
    state_refusals: dict[str, str] = field(default_factory=dict)
    guards: tuple[Guard, ...] = ()

    def __post_init__(self):
        object.__setattr__(self, "sources", frozenset(self.sources))


class LifeCycle:
    """The table of one stateful thing; `state_of(obj)` reads the object's state."""

    def __init__(
        self,
        name: str,
        *,
        states: Iterable[str],
        actions: Iterable[Action],
        state_of: Callable[[Any], str],
        context: Callable[[Any], dict] = lambda obj: {},
    ):
        self.name = name
        self.states = tuple(states)
        self.actions = {action.name: action for action in actions}
        self.state_of = state_of
        self.context = context
        for action in self.actions.values():
            unknown = (action.sources | ({action.target} if action.target else set())) - set(self.states)
            if unknown:
                raise ValueError(f"{name}.{action.name}: unknown states {sorted(unknown)}")

    def __getitem__(self, name: str) -> Action:
        return self.actions[name]

    def refusal(self, name: str, user, obj, *, guards: bool = True) -> tuple[type[Exception], str] | None:
        """Why `user` may not take action `name` on `obj` now, or None when they may.

        `guards=False` checks who and state only: a service that must first say something about
        the particular thing acted on (this question, this member) checks the guards after that.
        """
        action = self.actions[name]
        if user is not None and not action.who(user, obj):
            return PermissionDenied, action.denial or action.refusal
        state = self.state_of(obj)
        if state not in action.sources:
            return DomainError, action.state_refusals.get(state, action.refusal)
        for guard in action.guards if guards else ():
            if not guard.test(user, obj):
                return DomainError, guard.refusal
        return None

    def allows(self, name: str, user, obj) -> bool:
        return self.refusal(name, user, obj) is None

    def check(self, name: str, user, obj, *, guards: bool = True) -> Action:
        """Raise the Swedish refusal unless `user` may take action `name` on `obj` now; return the row."""
        refused = self.refusal(name, user, obj, guards=guards)
        if refused is not None:
            error, message = refused
            raise error(str(message) % self.context(obj))
        return self.actions[name]

    def available_actions(self, user, obj) -> list[Action]:
        """What to offer `user` on `obj`: exactly the actions `check()` would let through."""
        return [action for action in self.actions.values() if self.refusal(action.name, user, obj) is None]

    def target(self, name: str) -> str | None:
        return self.actions[name].target
