"""Argument rules: ``double.when(*args, **kwargs)`` and what matching calls do.

Arguments are compared with ``==``, the rule's side on the left, so
``unittest.mock.ANY`` and matcher objects work; for a spec'd member both
sides are first bound to its signature. The first complete matching rule
wins. A ruleset registers with the ledger so that strict verification can
report rules that no call used.
"""

from __future__ import annotations

from typing import Any

from fakes import _render
from fakes._ledger import current_ledger
from fakes._script import Script, fresh, is_error
from fakes.errors import FakesTypeError, MatcherError, UnexpectedCallError

__all__ = ["Rule", "RuleBuilder", "Ruleset"]


class Rule:
    """One ``when(...)`` rule: the arguments it matches and what it does."""

    __slots__ = ("action", "expected", "label", "used", "value")

    #: What matching calls get: set with ``action`` by the ``RuleBuilder``.
    value: Any

    def __init__(self, label: str, expected: Any) -> None:
        self.label = label
        self.expected = expected
        self.action = ""
        self.used = False

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
    """The ``when(...)`` rules of one double, first match wins.

    Registered with the ledger, so strict verification reports rules that
    no call used.
    """

    def __init__(self, double: Any) -> None:
        self._double = double
        self.rules: list[Rule] = []
        current_ledger().watch(self)

    def _normalise(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        member = self._double.__dict__.get("_fakes_member")
        sig = None if member is None else member.signature
        if sig is not None:
            # The arguments bind: when() and every call check them first.
            bound = sig.bind(*args, **kwargs)
            bound.apply_defaults()
            return bound.arguments
        return (args, kwargs)

    def add(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Rule:
        """Add a rule for these arguments (checked against the spec)."""
        double = self._double
        member = double.__dict__.get("_fakes_member")
        if member is not None:
            member.check(args, kwargs, double)
        label = _render.format_call(f"{double._fakes_label()}.when", args, kwargs)
        rule = Rule(label, self._normalise(args, kwargs))
        self.rules.append(rule)
        return rule

    def match(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Rule | None:
        """The first complete rule whose arguments equal these, or ``None``."""
        actual = self._normalise(args, kwargs)
        for rule in self.rules:
            if not rule.action:
                continue
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
        lines = [rule.describe() for rule in self.rules if rule.action]
        return UnexpectedCallError(_render.unexpected_call(call, lines))

    def problems(self) -> list[str]:
        """What strict verification reports: rules that no call used."""
        return [_render.rule_unused(r.label) for r in self.rules if not r.used]


class RuleBuilder:
    """What ``double.when(...)`` returns: say what the matching calls do."""

    __slots__ = ("_double", "_rule")

    def __init__(self, double: Any, rule: Rule) -> None:
        self._double = double
        self._rule = rule

    def returns(self, value: Any) -> Any:
        """Matching calls return ``value``; returns the double, for chaining."""
        self._rule.action, self._rule.value = "returns", value
        return self._double

    def raises(self, error: BaseException | type[BaseException]) -> Any:
        """Matching calls raise ``error``; returns the double, for chaining."""
        if not is_error(error):
            raise FakesTypeError(_render.raises_not_exception(self._rule.label, error))
        self._rule.action, self._rule.value = "raises", error
        return self._double

    def script(self, *steps: Any) -> Any:
        """Matching calls consume ``steps``; returns the double, for chaining."""
        label = self._rule.label
        self._rule.action = "script"
        self._rule.value = Script(lambda: label, steps)
        return self._double

    def __repr__(self) -> str:
        return f"<{self._rule.label}: say .returns(), .raises() or .script()>"
