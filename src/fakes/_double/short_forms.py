"""The short configuration and assertion forms every double answers.

``returns()``, ``raises()``, ``script()``, ``answers()``, ``when()``,
``gate()``, ``yields()``, ``enters()`` and the ``assert_*`` forms of the
iterator and context-manager protocols, as a mixin of the double classes
(``fakes.on(...)`` calls them too). A spec with members of these names hides
them: ``SHORT_FORMS`` lists them for the classes that do the hiding.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from unittest import mock

from typing_extensions import Self

from fakes import (
    _answers,
    _async_gen,
    _async_iter,
    _behaviour,
    _context_protocol,
    _render,
    _rules,
    _script,
    _self_iter,
)
from fakes._double.configured import configured
from fakes._double.state import KEY, awaited_directly, state_of
from fakes._gate import Gate
from fakes._stdlib import is_exception, is_instance_mock
from fakes.errors import FakesTypeError, ProtocolMismatchError

if TYPE_CHECKING:
    pass

__all__ = ["SHORT_FORMS", "STDLIB_HIDDEN", "ShortForms", "StdlibChild"]


class ShortForms:
    """The configuration and assertion short forms of a double."""

    if TYPE_CHECKING:
        # Provided by the recorder and the ``unittest.mock`` class of a double.
        return_value: Any
        side_effect: Any

        def _fakes_label(self) -> str: ...

    def returns(self, *value: Any) -> Self:
        """Make every call return ``value`` (the same as ``return_value``).

        Example:
            >>> import asyncio, fakes
            >>> fetch = fakes.async_double(name="fetch").returns({"id": 1})
            >>> asyncio.run(fetch())
            {'id': 1}
        """
        if len(value) != 1:
            raise FakesTypeError(_render.returns_arity(self._fakes_label(), len(value)))
        result = value[0]
        state = self.__dict__
        own = state[KEY]
        if (
            state["_mock_delegate"] is None
            and own.behaviour is None
            and not is_instance_mock(result)
        ):
            # What the two stdlib setters below do in this common case,
            # without their four Python-level calls.
            state["_mock_return_value"] = result
            state["_mock_side_effect"] = None
        else:
            self.return_value = result
            self.side_effect = None
        configured(self, own, "returns")
        return self

    def raises(self, error: BaseException | type[BaseException]) -> Self:
        """Make every call raise ``error`` (the same as ``side_effect``).

        Example:
            >>> import asyncio, fakes
            >>> fetch = fakes.async_double(name="fetch").raises(KeyError("1"))
            >>> asyncio.run(fetch())
            Traceback (most recent call last):
            KeyError: '1'
        """
        if not is_exception(error):
            raise FakesTypeError(
                _render.raises_not_exception(self._fakes_label(), error)
            )
        self.side_effect = error
        configured(self, state_of(self), "raises")
        return self

    def script(self, *steps: Any) -> Self:
        """Perform one step per call: return a value or raise an exception.

        Steps can also be ``fakes.delay(seconds, step)`` and ``fakes.hang()``;
        end with ``fakes.repeat_last()`` or ``fakes.cycle()`` to go on after
        the last step, otherwise one call too many raises
        ``ScriptExhaustedError``. A later ``returns()``, ``raises()``,
        ``return_value`` or ``side_effect`` replaces the script.

        Example:
            >>> import asyncio, fakes
            >>> fetch = fakes.async_double(name="fetch").script(1, KeyError("x"))
            >>> async def main():
            ...     print(await fetch())
            ...     await fetch()
            >>> asyncio.run(main())
            Traceback (most recent call last):
            KeyError: 'x'
        """
        self._fakes_check_callable("script")
        label = self._fakes_label
        _behaviour.behaviour_of(self).outcome = _script.Script(label, steps)
        configured(self, state_of(self), "script")
        return self

    def answers(self, answer: Any) -> Self:
        """Compute each call's result with ``answer``, from the call's arguments.

        The arguments are bound to the spec's signature first, defaults
        applied: an answer with the member's parameter names gets them by
        name, however the call passed them. An ``async def`` answer is
        awaited. A later ``returns()``, ``raises()``, ``script()``,
        ``return_value`` or ``side_effect`` replaces it; ``when()`` rules
        come first. Typed: ``fakes.on(member).answers(...)``.

        Example:
            >>> import asyncio, fakes
            >>> class Prices:
            ...     async def get(self, sku: str, quantity: int = 1) -> int: ...
            >>> prices = fakes.async_double(Prices)
            >>> _ = prices.get.answers(lambda sku, quantity: len(sku) * quantity)
            >>> asyncio.run(prices.get("tea", quantity=2))
            6
        """
        self._fakes_check_callable("answers")
        made = _answers.answer_for(self, answer)
        _behaviour.behaviour_of(self).outcome = made
        configured(self, state_of(self), "answers")
        return self

    def _fakes_check_callable(self, method: str) -> None:
        if not callable(self) and not (awaited_directly(self) and method == "script"):
            label = self._fakes_label()
            raise ProtocolMismatchError(_render.not_callable(label, method))

    def when(self, *args: Any, **kwargs: Any) -> _rules.RuleBuilder:
        """Start a rule for calls with these arguments (compared with ``==``).

        Say what matching calls do with ``.returns()``, ``.raises()`` or
        ``.script()``. The first matching rule wins; a call no rule matches
        falls back to the script or ``returns()``/``raises()``, and without
        those raises ``UnexpectedCallError``.

        Example:
            >>> import asyncio, fakes
            >>> from unittest.mock import ANY
            >>> get = fakes.async_double(name="get")
            >>> _ = get.when(1).returns("one").when(ANY).raises(KeyError)
            >>> asyncio.run(get(1))
            'one'
        """
        self._fakes_check_callable("when")
        rule = _rules.new_rule(self, args, kwargs)
        return _rules.RuleBuilder(self, rule, self._fakes_add_rule)

    def _fakes_add_rule(self, rule: _rules.Rule) -> None:
        """Add a rule whose outcome is said (the rule's builder calls this)."""
        behaviour = _behaviour.behaviour_of(self)
        if behaviour.rules is None:
            behaviour.rules = _rules.Ruleset(self)
        behaviour.rules.add(rule)

    def gate(self) -> Gate:
        """Hold every await of this double until the gate releases it.

        Example:
            >>> import asyncio, fakes
            >>> fetch = fakes.async_double(name="fetch").returns("ok")
            >>> gate = fetch.gate()
            >>> async def main():
            ...     first = asyncio.ensure_future(fetch(1))
            ...     second = asyncio.ensure_future(fetch(2))
            ...     await gate.wait_entered(2)
            ...     gate.release_all()
            ...     return await asyncio.gather(first, second)
            >>> asyncio.run(main())
            ['ok', 'ok']
        """
        if not (isinstance(self, mock.AsyncMock) or awaited_directly(self)):
            member = state_of(self).member
            kind = None if member is None else member.kind.value
            label = self._fakes_label()
            raise ProtocolMismatchError(
                _render.gate_needs_async(label, kind, callable(self))
            )
        behaviour = _behaviour.behaviour_of(self)
        if behaviour.gate is None:
            behaviour.gate = Gate(self)
        return behaviour.gate

    def yields(self, *items: Any, raises: Any = None) -> Self:
        """Make each call of this async-generator member iterate over ``items``.

        On a double of a class that is its own async iterator (``__aiter__``
        returns ``self``, ``async def __anext__``), ``async for`` over the
        double hands out ``items``; unconfigured, it ends at once.

        Example:
            >>> import asyncio, fakes
            >>> from collections.abc import AsyncIterator
            >>> class Feed:
            ...     async def stream(self) -> AsyncIterator[int]:
            ...         yield 0
            >>> feed = fakes.async_double(Feed)
            >>> _ = feed.stream.yields(1, 2)
            >>> async def main():
            ...     return [item async for item in feed.stream()]
            >>> asyncio.run(main())
            [1, 2]
        """
        _self_iter.set_items(self, items, raises)
        configured(self, state_of(self), "yields")
        return self

    def enters(
        self,
        value: Any = None,
        *,
        enter_raises: Any = None,
        exit_raises: Any = None,
        suppress: Any = False,
    ) -> Self:
        """Configure this async context manager: see ``fakes.async_context``.

        Example:
            >>> import asyncio, fakes
            >>> conn = fakes.async_double(name="conn").enters("session")
            >>> async def main():
            ...     async with conn as session:
            ...         return session
            >>> asyncio.run(main())
            'session'
        """
        _context_protocol.configure(
            self,
            value,
            enter_raises=enter_raises,
            exit_raises=exit_raises,
            suppress=suppress,
        )
        configured(self, state_of(self), "enters")
        return self

    def assert_exhausted(self) -> None:
        """Assert that every iterator this member handed out was iterated to the end."""
        __tracebackhide__ = True
        for state in _self_iter.own_states(self):
            state.check_exhausted()

    def assert_closed(self) -> None:
        """Assert that every iterator this member handed out is finished or closed."""
        __tracebackhide__ = True
        for state in _self_iter.own_states(self):
            state.check_closed()

    def assert_consumed(self, count: int) -> None:
        """Assert that this member's iterators handed out ``count`` items in all."""
        __tracebackhide__ = True
        _async_iter.check_count(self._fakes_label(), count)
        states = _self_iter.own_states(self)
        _async_gen.assert_consumed(self._fakes_label(), states, count)

    def assert_entered_once(self) -> None:
        """Assert that this async context manager was entered exactly once."""
        __tracebackhide__ = True
        _context_protocol.context_of(self).assert_entered_once()

    def assert_exited_with(self, error_type: type[BaseException]) -> None:
        """Assert that the last exit of this context manager raised ``error_type``."""
        __tracebackhide__ = True
        _context_protocol.context_of(self).assert_exited_with(error_type)

    def assert_exited_cleanly(self) -> None:
        """Assert that the last exit of this context manager had no exception."""
        __tracebackhide__ = True
        _context_protocol.context_of(self).assert_exited_cleanly()


class StdlibChild:
    """A short form hidden by a name of a stdlib ``spec=``: the child mock."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            return self
        return type(obj).__getattr__(obj, self.name)


#: The names a double answers itself, unless its spec has members so named:
#: the configuration and assertion short forms, and the stdlib's ``called``.
SHORT_FORMS = frozenset(
    name
    for name in vars(ShortForms)
    if not name.startswith("_") and not hasattr(mock.AsyncMock, name)
) | {"called"}
# With a stdlib ``spec=``, ``called`` stays the stdlib's flag, as on AsyncMock.
STDLIB_HIDDEN = SHORT_FORMS - {"called"}
