"""Argument rules: ``double.when(*args, **kwargs)`` and what matching calls do.

Arguments are compared with ``==``, the rule's side on the left, so
``unittest.mock.ANY`` and matcher objects work; for a spec'd member both
sides are first bound to its signature. The first matching rule wins. A
rule joins its double only once its outcome is said (``.returns()``,
``.raises()`` or ``.script()``), so a refused ``when()`` or outcome leaves the
double as it was. Each rule's builder registers with the ledger, so that
strict verification can report rules that no call used (or whose outcome
was never said).
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable
from typing import Any

from fakes import _render
from fakes._double.state import state_of
from fakes._ledger import current_ledger
from fakes._script import Script, fresh
from fakes._stdlib import is_exception
from fakes.errors import FakesTypeError, MatcherError, UnexpectedCallError

__all__ = ["Rule", "RuleBuilder", "Ruleset", "new_rule"]


_order = itertools.count()


class Rule:
    """One ``when(...)`` rule: the arguments it matches and what it does."""

    __slots__ = ("action", "expected", "label", "order", "used", "value")

    #: What matching calls get: set with ``action`` by the ``RuleBuilder``.
    value: Any

    def __init__(self, label: str, expected: Any) -> None:
        self.label = label
        self.expected = expected
        self.action = ""
        self.used = False
        # Rules are tried in the order of their when() calls, whatever the
        # order their outcomes were said in.
        self.order = next(_order)

    def describe(self) -> str:
        """The rule as shown in messages."""
        return _render.rule_line(self.label, self.action, self.value)

    async def run(self) -> Any:
        """Perform the rule's action for one matching call."""
        self.used = True
        if self.action == "script":
            return await self.value.run()
        if self.action == "raises":
            raise fresh(self.value)
        return self.value

    def run_sync(self) -> Any:
        """Perform the rule's action for one matching call of a sync double."""
        self.used = True
        if self.action == "script":
            return self.value.run_sync()
        if self.action == "raises":
            raise fresh(self.value)
        return self.value


class Ruleset:
    """The ``when(...)`` rules of one double, first match wins."""

    def __init__(self, double: Any) -> None:
        self._double = double
        self.rules: list[Rule] = []

    def add(self, rule: Rule) -> None:
        """Add a rule whose outcome is said, in the order of its ``when()``."""
        bisect.insort(self.rules, rule, key=lambda each: each.order)

    def match(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Rule | None:
        """The first rule whose arguments equal these, or ``None``."""
        actual = _normalise(self._double, args, kwargs)
        for rule in self.rules:
            try:
                equal = bool(rule.expected == actual)
            except Exception as error:
                call = _render.format_call(self._double._fakes_label(), args, kwargs)
                raise MatcherError(
                    _render.rule_matcher_raised(rule.describe(), call, error)
                ) from error
            if equal:
                return rule
        return None

    def unexpected(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Exception:
        """The error for a call that no rule matches and nothing else handles."""
        call = _render.format_call(self._double._fakes_label(), args, kwargs)
        lines = [rule.describe() for rule in self.rules]
        return UnexpectedCallError(_render.unexpected_call(call, lines))


def _normalise(double: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    member = state_of(double).member
    sig = None if member is None else member.signature
    if sig is not None:
        # The arguments bind: when() and every call check them first.
        bound = sig.bind(*args, **kwargs)
        bound.apply_defaults()
        return bound.arguments
    return (args, kwargs)


def new_rule(double: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Rule:
    """A rule for these arguments (checked against the spec), not yet added."""
    member = state_of(double).member
    if member is not None:
        member.check(args, kwargs, double)
    label = _render.format_call(f"{double._fakes_label()}.when", args, kwargs)
    return Rule(label, _normalise(double, args, kwargs))


class RuleBuilder:
    """What ``double.when(...)`` returns: say what the matching calls do."""

    __slots__ = ("_add", "_double", "_rule")

    def __init__(self, double: Any, rule: Rule, add: Callable[[Rule], None]) -> None:
        self._double = double
        self._rule = rule
        self._add = add
        current_ledger().watch(self)

    def _say(self, action: str, value: Any) -> Any:
        rule = self._rule
        first = not rule.action
        rule.action, rule.value = action, value
        if first:
            self._add(rule)
        return self._double

    def returns(self, value: Any) -> Any:
        """Matching calls return ``value``; returns the double, for chaining."""
        return self._say("returns", value)

    def raises(self, error: BaseException | type[BaseException]) -> Any:
        """Matching calls raise ``error``; returns the double, for chaining."""
        if not is_exception(error):
            raise FakesTypeError(_render.raises_not_exception(self._rule.label, error))
        return self._say("raises", error)

    def script(self, *steps: Any) -> Any:
        """Matching calls consume ``steps``; returns the double, for chaining."""
        label = self._rule.label
        return self._say("script", Script(lambda: label, steps))

    def problems(self) -> list[str]:
        """What strict verification reports: the rule, if no call used it."""
        rule = self._rule
        return [] if rule.used else [_render.rule_unused(rule.label)]

    def __repr__(self) -> str:
        return f"<{self._rule.label}: say .returns(), .raises() or .script()>"
