"""The behaviour of a double: one interface, one chain.

A double's behaviour sits in its state (``state_of(double).behaviour``) and is a
:class:`DoubleBehaviour`: ``AsyncDouble._fakes_run`` awaits it instead of
the stdlib path, and ``SyncDouble.__call__`` calls its ``call_sync``. The
chain is always the same: a gate holds the await; the first matching
``when()`` rule answers; else the script, or the argument-aware answer
(the two replace each other) -- these three are :class:`Behaviour`; else
the protocol default the double had before it was configured (an
async-generator member's iterators, a context manager's records, a
self-iterating double's ``__anext__``), which is ``Behaviour.inner``; else
the stdlib configuration (``return_value``, ``side_effect``), unless rules
exist and nothing was configured, which is an unexpected call.
"""

from __future__ import annotations

from typing import Any, Protocol

from fakes import _stdlib
from fakes._answers import Answer
from fakes._double.state import state_of, stdlib_await
from fakes._gate import PASS, Gate
from fakes._rules import Ruleset
from fakes._script import ERROR, VALUE, Script, fresh

__all__ = [
    "Behaviour",
    "DoubleBehaviour",
    "await_as_call",
    "behaviour_of",
    "call_through_stdlib",
    "set_behaviour",
    "stdlib_configured",
]


class DoubleBehaviour(Protocol):
    """What answers the calls of one double, before the stdlib does.

    Every behaviour answers both kinds of call: one made for an async
    double only still answers a sync call (by handing it to the stdlib),
    and one made for a sync double only still answers an await (with what
    a call would give).
    """

    async def __call__(
        self, double: Any, call: Any, args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> Any:
        """Answer one await of ``double`` (``call`` is the recorded call)."""
        ...

    def call_sync(
        self, double: Any, seq: int, args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> Any:
        """Answer one call of a sync ``double`` (``seq``: the call's event)."""
        ...

    def without_defaults(self) -> DoubleBehaviour | None:
        """What remains once ``return_value`` or ``side_effect`` is set again.

        Scripts and answers go, gates and rules stay, a protocol default
        stays or goes as it decides; ``None`` leaves the stdlib alone.
        """
        ...

    def configurable(self) -> Behaviour | None:
        """The :class:`Behaviour` that ``gate()``, ``when()``, ``script()`` configure.

        ``None`` when this behaviour holds none: it is then wrapped in a new
        one, as its protocol default.
        """
        ...


async def await_as_call(
    self: DoubleBehaviour,
    double: Any,
    call: Any,
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
) -> Any:
    """``__call__`` of a behaviour made for a sync double: what a call gives.

    The one default of the protocol defaults of sync members (an async
    context manager member, an async-generator member, ``__aiter__``). An
    awaitable double holds one only when the spec declares the method
    ``async def`` (an ``async def __aiter__`` returning ``self``).
    """
    return self.call_sync(double, -1, args, kwargs)


def call_through_stdlib(
    self: DoubleBehaviour,
    double: Any,
    seq: int,
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
) -> Any:
    """``call_sync`` of a behaviour made for an awaitable double: the stdlib's call.

    The one default of the behaviours only awaitable doubles hold (the
    hooks of ``__aenter__``, ``__aexit__`` and ``__anext__``): a sync double
    never holds one, so this only completes the protocol.
    """
    return _stdlib.call_stdlib(double, args, kwargs)


def set_behaviour(double: Any, behaviour: DoubleBehaviour | None) -> None:
    """Give ``double`` its behaviour (typed, so each kind is checked).

    The one way a behaviour is set: ``DoubleState.behaviour`` is untyped
    (the state module imports nothing of the package), and an architecture
    test keeps every other module from assigning it.
    """
    state_of(double).behaviour = behaviour


def stdlib_configured(double: Any) -> bool:
    """Whether the stdlib configuration of a double says what a call does."""
    automatic = state_of(double).auto_return
    return _stdlib.delegated(double) or _stdlib.stdlib_configured(double, automatic)


class Behaviour:
    """A gate, rules and a script, combined.

    The fallback is ``inner`` when set (the protocol behaviour the double had
    before: an async-generator member's iterators, a context manager's
    recording), else the stdlib path.
    """

    __slots__ = ("gate", "inner", "outcome", "rules")

    def __init__(self, inner: DoubleBehaviour | None) -> None:
        self.gate: Gate | None = None
        self.rules: Ruleset | None = None
        #: What answers a call no rule matched: a ``Script``, or an
        #: argument-aware ``Answer`` (configuring one replaces the other).
        self.outcome: Script | Answer | None = None
        self.inner = inner

    async def __call__(
        self, double: Any, call: Any, args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> Any:
        gate = self.gate
        if gate is not None:
            outcome = await gate.hold(args, kwargs)
            if outcome is not PASS:
                return outcome
        rules = self.rules
        if rules is not None:
            rule = rules.match(args, kwargs)
            if rule is not None:
                return await rule.run()
        outcome = self.outcome
        if outcome is not None:
            if isinstance(outcome, Script):
                # Script.run, inlined: this is the hot path of a scripted double.
                index = outcome._next()
                kind = outcome._kinds[index]
                if kind == VALUE:
                    return outcome._steps[index]
                if kind == ERROR:
                    raise fresh(outcome._steps[index])
                return await outcome._steps[index].perform()
            return await outcome.run(args, kwargs)
        inner = self.inner
        if inner is not None:
            return await inner(double, call, args, kwargs)
        if rules is None or stdlib_configured(double):
            return await stdlib_await(double, args, kwargs)
        raise rules.unexpected(args, kwargs)

    def call_sync(
        self,
        double: Any,
        seq: int,
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
    ) -> Any:
        """The same for a sync double (no gate: a sync call cannot wait)."""
        rules = self.rules
        if rules is not None:
            rule = rules.match(args, kwargs)
            if rule is not None:
                return rule.run_sync()
        outcome = self.outcome
        if outcome is not None:
            if isinstance(outcome, Script):
                return outcome.run_sync()
            return outcome.run_sync(args, kwargs)
        inner = self.inner
        if inner is not None:
            return inner.call_sync(double, seq, args, kwargs)
        if rules is None or stdlib_configured(double):
            return _stdlib.call_stdlib(double, args, kwargs)
        raise rules.unexpected(args, kwargs)

    def configurable(self) -> Behaviour:
        """This behaviour itself: it is the one configuration goes to."""
        return self

    def without_defaults(self) -> Behaviour | None:
        """Forget the script and answer once the stdlib configuration is set again."""
        self.outcome = None
        if self.inner is not None:
            self.inner = self.inner.without_defaults()
        keep = self.gate, self.rules, self.inner
        return self if any(part is not None for part in keep) else None


def behaviour_of(double: Any) -> Behaviour:
    """The double's ``Behaviour``, created (wrapping any other) if needed.

    A behaviour that must run first (the records of ``__aenter__`` and
    ``__aexit__``) hands out the ``Behaviour`` that runs after it.
    """
    current: DoubleBehaviour | None = state_of(double).behaviour
    if current is not None:
        found = current.configurable()
        if found is not None:
            return found
    behaviour = Behaviour(current)
    set_behaviour(double, behaviour)
    return behaviour
