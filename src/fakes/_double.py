"""The double classes, call recording, and ``async_double``.

Every double is a ``unittest.mock`` object (``AsyncDouble`` is an
``AsyncMock``), so the stdlib API keeps working; on top, every call and every
await writes to the current ledger, and spec'd doubles check each call
against the spec's signature when it is made.
"""

from __future__ import annotations

import inspect
import typing
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast, overload
from unittest import mock

from typing_extensions import Self

from fakes import (
    _answers,
    _async_context,
    _async_iter,
    _awaited,
    _behaviour,
    _hints,
    _matching,
    _render,
    _rules,
    _script,
    _self_iter,
    _spec,
    _unused,
)
from fakes._awaitable import AwaitableMixin
from fakes._fastmock import FastMockMixin, public_class, recorded_call
from fakes._gate import Gate
from fakes._ledger import (
    CALLED,
    CANCELLED,
    RAISED,
    RETURNED,
    STARTED,
    current_ledger,
)
from fakes._runtime import is_cancellation
from fakes._schedule import HOOK as _EXPLORING
from fakes._spec import Kind, Member, Spec
from fakes._stdlib import (
    ASYNC_MAGICS,
    DELETED,
    SYNC_MAGICS,
    Call,
    is_callable,
    is_exception,
    is_instance_mock,
)
from fakes.errors import (
    AwaitedSyncMemberError,
    FakesTypeError,
    NotAwaitableError,
    ProtocolMismatchError,
    SpecError,
    UnknownAttributeError,
)

__all__ = [
    "SHORT_FORMS",
    "AsyncDouble",
    "AwaitableDouble",
    "ClassDouble",
    "ObjectDouble",
    "SyncDouble",
    "ValueDouble",
    "async_double",
    "factory_double",
]

T = TypeVar("T")
_Call = Call
_DEFAULT = mock.DEFAULT
_deleted = DELETED
_is_instance_mock = is_instance_mock
_is_exception = is_exception
_callable = is_callable
_ASYNC_MAGICS = ASYNC_MAGICS
_SYNC_MAGICS = SYNC_MAGICS
_STDLIB_RETURN_VALUE: Any = mock.NonCallableMock.return_value
# Whether reading return_value of a wrapping mock makes a child, as before
# Python 3.13 (3.13 leaves it DEFAULT, so that calls reach the wrapped object).
_CHILD_WHEN_WRAPPING = mock.NonCallableMock(wraps=len).return_value is not _DEFAULT


# The stdlib attributes a double's path is made of.
_NAMING = frozenset(
    {"_mock_name", "_mock_new_name", "_mock_parent", "_mock_new_parent"}
)


class _Recorder:
    """Naming, short configuration forms and call bookkeeping of a double."""

    _fakes_member: Member | None = None
    # Configured behaviour (_behaviour, _async_iter, _async_context): awaited
    # as behaviour(double, call, args, kwargs) by an AsyncDouble; called as
    # behaviour.call_sync(double, seq, args, kwargs) by a SyncDouble.
    _fakes_behaviour: _behaviour.DoubleBehaviour | None = None
    # The short forms that the spec's own members of the same names hide
    # (set on the double class of such a spec; see ``_shadowing``).
    _fakes_shadowed: frozenset[str] = frozenset()

    if TYPE_CHECKING:
        # Provided by the ``unittest.mock`` class every double also derives from.
        return_value: Any
        side_effect: Any
        called: bool
        call_count: int
        call_args: Any
        call_args_list: Any
        mock_calls: Any

        def _extract_mock_name(self) -> str: ...

    def _fakes_label(self) -> str:
        """The double's dotted name, as shown in the ledger and messages."""
        state = self.__dict__
        label = state.get("_fakes_name")
        if label is None:
            label = state["_fakes_name"] = self._extract_mock_name()
        return label

    # The stdlib's assertions (assert_awaited_with, assert_has_calls, ...)
    # bind expected and actual calls to this signature before comparing, as
    # for an autospec'd mock; a spec'd double reads it from its member when
    # an assertion asks, never when it is called.
    @property
    def _spec_signature(self) -> Any:
        return _matching.own_signature(self)

    @_spec_signature.setter
    def _spec_signature(self, value: Any) -> None:
        self.__dict__["_spec_signature"] = value

    def _get_call_signature_from_name(self, name: str) -> Any:
        return _matching.signature_at(self, name)

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
        if (
            state["_mock_delegate"] is None
            and state.get("_fakes_behaviour") is None
            and not _is_instance_mock(result)
        ):
            # What the two stdlib setters below do in this common case,
            # without their four Python-level calls.
            state["_mock_return_value"] = result
            state["_mock_side_effect"] = None
        else:
            self.return_value = result
            self.side_effect = None
        _unused.configured(self, "returns")
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
        if not _is_exception(error):
            raise FakesTypeError(
                _render.raises_not_exception(self._fakes_label(), error)
            )
        self.side_effect = error
        _unused.configured(self, "raises")
        return self

    def _fakes_get_return_value(self) -> Any:
        # The stdlib getter sets the default result it makes through
        # ``self.return_value = ...``, which would read as configuration and
        # forget a script; storing it with the stdlib's own setter does not.
        state = self.__dict__
        if (
            state["_mock_return_value"] is _DEFAULT
            and state["_mock_delegate"] is None
            and (_CHILD_WHEN_WRAPPING or state["_mock_wraps"] is None)
        ):
            _STDLIB_RETURN_VALUE.fset(
                self, self._get_child_mock(_new_parent=self, _new_name="()")
            )
        return _STDLIB_RETURN_VALUE.fget(self)

    def _fakes_set_return_value(self, value: Any) -> None:
        _STDLIB_RETURN_VALUE.fset(self, value)

    return_value = property(
        _fakes_get_return_value,
        _fakes_set_return_value,
        doc=_STDLIB_RETURN_VALUE.__doc__,
    )

    def __setattr__(self, name: str, value: Any) -> None:
        spec = self.__dict__.get("_fakes_spec")
        if (
            spec is not None
            and not name.startswith(("_mock_", "_spec_", "_fakes_"))
            and not hasattr(type(self), name)
            and spec.member(name) is None
        ):
            # Works on the double, but the real object has no such attribute:
            # strict verification reports it.
            _unused.set_outside_spec(self, name)
        if name in ("return_value", "side_effect"):
            state = self.__dict__
            behaviour = state.get("_fakes_behaviour")
            # The stdlib getter of return_value stores the child it makes:
            # that is not a configuration.
            if behaviour is not None and not (
                isinstance(value, mock.NonCallableMock)
                and value.__dict__.get("_mock_new_parent") is self
                and state.get("_mock_return_value") is _DEFAULT
            ):
                state["_fakes_behaviour"] = behaviour.without_defaults()
        elif name in _NAMING:
            # Re-parented (attach_mock, a double set as a return value): the
            # path changes, so the name is worked out again when next shown.
            self.__dict__.pop("_fakes_name", None)
        super().__setattr__(name, value)

    def reset_mock(
        self,
        visited: Any = None,
        *,
        return_value: bool = False,
        side_effect: bool = False,
    ) -> None:
        """Reset the stdlib state; also forget scripts and rules when asked.

        As in ``unittest.mock``, ``return_value=True`` and ``side_effect=True``
        reset the configuration; scripts and ``when()`` rules are
        configuration of the same kind, so they go too. A gate stays: it may
        hold awaits that only its release lets go. The ledger is not touched.

        Example:
            >>> import fakes
            >>> double = fakes.async_double(name="fetch").script(1, 2)
            >>> double.reset_mock(side_effect=True)
            >>> double._fakes_behaviour is None
            True
        """
        super().reset_mock(  # type: ignore[misc]
            visited, return_value=return_value, side_effect=side_effect
        )
        if return_value or side_effect:
            state = self.__dict__
            behaviour = state.get("_fakes_behaviour")
            if isinstance(behaviour, _behaviour.Behaviour):
                behaviour.rules = None
                state["_fakes_behaviour"] = behaviour.without_defaults()

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
        behaviour = _behaviour.behaviour_of(self)
        behaviour.script = _script.Script(label, steps)
        behaviour.answer = None
        _unused.configured(self, "script")
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
        behaviour = _behaviour.behaviour_of(self)
        behaviour.answer = made
        behaviour.script = None
        _unused.configured(self, "answers")
        return self

    def _fakes_check_callable(self, method: str) -> None:
        if not callable(self) and not (
            isinstance(self, AwaitableMixin) and method == "script"
        ):
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
        if not isinstance(self, (mock.AsyncMock, AwaitableMixin)):
            member = self._fakes_member
            kind = "a sync double"
            if member is not None:
                value = member.kind.value
                kind = f"{'an' if value[0] in 'aeiou' else 'a'} {value} member"
            elif not callable(self):
                kind = "a double of an object"
            label = self._fakes_label()
            raise ProtocolMismatchError(_render.gate_needs_async(label, kind))
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
        _unused.configured(self, "yields")
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
        _async_context.configure(
            self,
            value,
            enter_raises=enter_raises,
            exit_raises=exit_raises,
            suppress=suppress,
        )
        _unused.configured(self, "enters")
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
        states = _self_iter.own_states(self)
        _async_iter.assert_consumed(self._fakes_label(), states, count)

    def assert_entered_once(self) -> None:
        """Assert that this async context manager was entered exactly once."""
        __tracebackhide__ = True
        _async_context.context_of(self).assert_entered_once()

    def assert_exited_with(self, error_type: type[BaseException]) -> None:
        """Assert that the last exit of this context manager raised ``error_type``."""
        __tracebackhide__ = True
        _async_context.context_of(self).assert_exited_with(error_type)

    def assert_exited_cleanly(self) -> None:
        """Assert that the last exit of this context manager had no exception."""
        __tracebackhide__ = True
        _async_context.context_of(self).assert_exited_cleanly()

    def _mock_add_spec(self, *args: Any, **kwargs: Any) -> None:
        # Also the path of ``spec=`` given to the constructor (the drop-in
        # classes): names of that spec hide the short forms, as they would
        # give child mocks on an AsyncMock. The double's class is its own by
        # now (adding a spec moves it to one).
        super()._mock_add_spec(*args, **kwargs)  # type: ignore[misc]
        cls = type(self)
        for name in SHORT_FORMS:
            if isinstance(cls.__dict__.get(name), _StdlibChild):
                type.__delattr__(cls, name)
        methods = self.__dict__.get("_mock_methods")
        if methods:
            for name in _STDLIB_HIDDEN.intersection(methods):
                type.__setattr__(cls, name, _StdlibChild(name))

    def _fakes_increment(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        """``_increment_mock_call`` of the stdlib, returning the call it made.

        The stdlib sets each counter through a property and ``__setattr__``;
        writing the state directly (when nothing delegates) halves the cost
        of a call and keeps the same result.
        """
        state = self.__dict__
        call = recorded_call((args, kwargs))
        if state["_mock_delegate"] is None:
            state["_mock_called"] = True
            state["_mock_call_count"] += 1
            state["_mock_call_args"] = call
            state["_mock_call_args_list"].append(call)
            state["_mock_mock_calls"].append(recorded_call(("", args, kwargs)))
        else:
            self.called = True
            self.call_count += 1
            self.call_args = call
            self.call_args_list.append(call)
            self.mock_calls.append(recorded_call(("", args, kwargs)))
        parent = state["_mock_new_parent"]
        if parent is None:
            return call
        do_method_calls = state["_mock_parent"] is not None
        method_call_name = state["_mock_name"]
        mock_call_name = state["_mock_new_name"]
        is_a_call = mock_call_name == "()"
        while parent is not None:
            entry = recorded_call((mock_call_name, args, kwargs))
            if do_method_calls:
                # Calls are immutable: equal names can share one object.
                parent.method_calls.append(
                    entry
                    if method_call_name == mock_call_name
                    else recorded_call((method_call_name, args, kwargs))
                )
                do_method_calls = parent._mock_parent is not None
                if do_method_calls:
                    method_call_name = parent._mock_name + "." + method_call_name
            parent.mock_calls.append(entry)
            if parent._mock_new_name:
                dot = "" if is_a_call else "."
                is_a_call = parent._mock_new_name == "()"
                mock_call_name = parent._mock_new_name + dot + mock_call_name
            parent = parent._mock_new_parent
        return call

    def _get_child_mock(self, /, **kwargs: Any) -> Any:
        member = self.__dict__.get("_fakes_member")
        name = kwargs.get("_new_name")
        if member is not None and name == "()":
            return _default_result(self, member)
        child = self._fakes_child_class(name)(**kwargs)
        if (
            name in ("__aenter__", "__aexit__")
            and member is None
            and isinstance(self, mock.AsyncMock)
        ):
            # So that an AsyncMock-like double's blocks are recorded from the first.
            hook = _async_context.magic_hook(self, name)
            child.__dict__["_fakes_behaviour"] = hook
        return child

    def _fakes_child_class(self, new_name: Any) -> type:
        raise NotImplementedError


class _StdlibChild:
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
    for name in vars(_Recorder)
    if not name.startswith("_") and not hasattr(mock.AsyncMock, name)
) | {"called"}
# With a stdlib ``spec=``, ``called`` stays the stdlib's flag, as on AsyncMock.
_STDLIB_HIDDEN = SHORT_FORMS - {"called"}


class AsyncDouble(_Recorder, FastMockMixin, mock.AsyncMock):
    """An awaitable double: an ``AsyncMock`` that records every await.

    A drop-in for ``unittest.mock.AsyncMock``: it takes the same arguments
    (``spec``, ``return_value``, ``side_effect``, ``wraps``, ``name``, ...),
    keeps the stdlib semantics, works as ``new_callable=`` of
    ``unittest.mock.patch``, and adds the ledger, ``returns()``,
    ``script()``, ``when()`` and ``gate()``. Every awaitable double is an
    instance of it, including those :func:`fakes.async_double` and
    :func:`fakes.patch_async` build; prefer those for a spec'd double, whose
    members follow the spec.

    Example:
        >>> import asyncio, fakes
        >>> from unittest import mock
        >>> fetch = fakes.AsyncDouble(return_value={"id": 1})
        >>> asyncio.run(fetch(1))
        {'id': 1}
        >>> fetch.assert_awaited_once_with(1)
        >>> target = "asyncio.open_connection"
        >>> with mock.patch(target, new_callable=fakes.AsyncDouble) as connect:
        ...     _ = asyncio.run(asyncio.open_connection("db", 5432))
        >>> connect.assert_awaited_once_with("db", 5432)
        >>> isinstance(fakes.async_double(asyncio.sleep), fakes.AsyncDouble)
        True
    """

    def __call__(self, /, *args: Any, **kwargs: Any) -> Any:
        member = self._fakes_member
        if member is not None:
            member.check(args, kwargs, self)
        self._mock_check_sig(*args, **kwargs)
        call = self._fakes_increment(args, kwargs)
        return self._fakes_execute(call, args, kwargs)

    def _execute_mock_call(self, /, *args: Any, **kwargs: Any) -> Any:
        return self._fakes_execute(recorded_call((args, kwargs)), args, kwargs)

    def _fakes_execute(self, call: Any, args: Any, kwargs: Any) -> Any:
        ledger = current_ledger()
        seq = ledger.record(CALLED, self, -1, call)
        return self._fakes_run(ledger, seq, call, args, kwargs)

    async def _fakes_run(
        self, ledger: Any, seq: int, call: Any, args: Any, kwargs: Any
    ) -> Any:
        ledger.record(STARTED, self, seq, None)
        state = self.__dict__
        plain = state["_mock_delegate"] is None
        if plain:
            state["_mock_await_count"] += 1
            state["_mock_await_args"] = call
            state["_mock_await_args_list"].append(call)
        else:
            self.await_count += 1
            self.await_args = call
            self.await_args_list.append(call)
        try:
            if _EXPLORING:  # fakes.explore holds the await until it picks it
                await _EXPLORING[0](self, seq)
            behaviour = self._fakes_behaviour
            if behaviour is not None:
                result = await behaviour(self, call, args, kwargs)
            elif (
                plain
                and state["_mock_side_effect"] is None
                and state["_mock_return_value"] is not _DEFAULT
            ):
                # Only a return value is configured (the common case): what
                # the stdlib path returns, without its second coroutine.
                result = state["_mock_return_value"]
            else:
                result = await self._fakes_stdlib(args, kwargs)
        except BaseException as error:
            ledger.record(
                CANCELLED if is_cancellation(error) else RAISED, self, seq, error
            )
            raise
        ledger.record(RETURNED, self, seq, None)
        return result

    async def _fakes_stdlib(self, args: Any, kwargs: Any) -> Any:
        """What ``AsyncMock`` does when awaited, with stdlib semantics.

        The await itself is counted by ``_fakes_run``, before any behaviour.
        """
        state = self.__dict__
        effect = self.side_effect
        if effect is not None:
            if _is_exception(effect):
                raise _script.fresh(effect)
            if not _callable(effect):
                try:
                    result = next(effect)
                except StopIteration:
                    # The stdlib's choice, kept for compatibility; the ledger
                    # records it as raised so that verification reports it.
                    raise StopAsyncIteration from None
                if _is_exception(result):
                    raise result
            elif inspect.iscoroutinefunction(effect):
                result = await effect(*args, **kwargs)
            else:
                result = effect(*args, **kwargs)
            if result is not _DEFAULT:
                return result
        if state["_mock_return_value"] is not _DEFAULT:
            return self.return_value
        wraps = state["_mock_wraps"]
        if wraps is not None:
            if inspect.iscoroutinefunction(wraps):
                return await wraps(*args, **kwargs)
            return wraps(*args, **kwargs)
        return self.return_value

    def _fakes_child_class(self, new_name: Any) -> type:
        if new_name in self.__dict__["_spec_asyncs"] or new_name in _ASYNC_MAGICS:
            return AsyncDouble
        if new_name in _SYNC_MAGICS:
            return _MagicDouble
        methods = self._mock_methods
        if methods and new_name in methods:
            return SyncDouble
        return AsyncDouble


class SyncDouble(_Recorder, FastMockMixin, mock.MagicMock):
    """A plain callable double: a ``MagicMock`` that records every call.

    A drop-in for ``unittest.mock.MagicMock`` (same arguments, same
    semantics, also as ``new_callable=``) that writes each call to the
    ledger. Sync members of a spec are ``SyncDouble`` objects; its async
    magic methods (``__aenter__``, ``__anext__``, ...) are ``AsyncDouble``.

    Example:
        >>> import fakes
        >>> def parse(text: str) -> int: ...
        >>> double = fakes.async_double(parse).returns(3)
        >>> double("3")
        3
        >>> isinstance(double, fakes.SyncDouble)
        True
        >>> fakes.SyncDouble(return_value=2)("x")
        2
    """

    def __call__(self, /, *args: Any, **kwargs: Any) -> Any:
        member = self._fakes_member
        if member is not None:
            member.check(args, kwargs, self)
        self._mock_check_sig(*args, **kwargs)
        call = self._fakes_increment(args, kwargs)
        ledger = current_ledger()
        seq = ledger.record(CALLED, self, -1, call)
        try:
            behaviour = self._fakes_behaviour
            if behaviour is None:
                result = self._mock_call(*args, **kwargs)
            else:
                # Sync doubles take a sync behaviour: call_sync(double, seq, ...).
                result = behaviour.call_sync(self, seq, args, kwargs)
        except BaseException as error:
            ledger.record(RAISED, self, seq, error)
            raise
        ledger.record(RETURNED, self, seq, None)
        return result

    def _fakes_child_class(self, new_name: Any) -> type:
        if new_name in self.__dict__["_spec_asyncs"] or new_name in _ASYNC_MAGICS:
            return AsyncDouble
        public = public_class(type(self))
        if new_name in _SYNC_MAGICS:
            return _magic_class(public)
        return public


class _MagicDouble(SyncDouble):
    """A magic method of a spec-less double: stdlib behaviour, no ledger events.

    ``str(double)`` or ``bool(double)`` are not calls the test makes, so they
    stay out of the ledger (they are in ``mock_calls``, as the stdlib has it).
    """

    __call__ = mock.CallableMixin.__call__


def _magic_class(public: type) -> type:
    """The class of a magic method of a double of ``public``.

    As with ``MagicMock`` subclasses, a magic method of a double of a
    subclass is an instance of that subclass; like ``_MagicDouble``, it
    leaves the ledger alone. One class per subclass, kept on the subclass.
    """
    if issubclass(public, _MagicDouble) or public is SyncDouble:
        return _MagicDouble
    magic: type | None = public.__dict__.get("_fakes_magic_class")
    if magic is None:
        namespace = {
            "__doc__": public.__doc__,
            "__module__": public.__module__,
            "__qualname__": public.__qualname__,
        }
        magic = type(public.__name__, (public, _MagicDouble), namespace)
        type.__setattr__(public, "_fakes_magic_class", magic)
    return magic


class _SyncResult(SyncDouble):
    """The default result of a spec'd sync member: awaiting it is an error."""

    def __await__(self) -> Any:
        parent = self.__dict__["_mock_new_parent"]
        member = parent.__dict__["_fakes_member"]
        raise AwaitedSyncMemberError(
            _render.awaited_sync_member(parent._fakes_label(), member.name)
        )


def _spec_getattr(self: Any, name: str) -> Any:
    """``__getattr__`` of spec'd doubles: build the member on first access."""
    state = self.__dict__
    spec: Spec | None = state.get("_fakes_spec")
    if spec is None or name.startswith(("_mock_", "_spec_", "_fakes_")):
        return mock.NonCallableMock.__getattr__(self, name)
    children = state["_mock_children"]
    child = children.get(name)
    if child is _deleted:
        label = self._fakes_label()
        raise UnknownAttributeError(_render.deleted_attribute(label, name))
    if child is not None:
        return child
    member = spec.member(name)
    if member is None:
        raise UnknownAttributeError(
            _render.unknown_attribute(
                self._fakes_label(), spec.name, name, spec.suggestions(name)
            )
        )
    value = _member_double(member, self, name)
    if _is_instance_mock(value):
        children[name] = value
    # Later reads find it in the instance dict, without this method.
    state[name] = value
    return value


def _spec_dir(self: Any) -> list[str]:
    spec: Spec | None = self.__dict__.get("_fakes_spec")
    names = set(mock.NonCallableMock.__dir__(self))
    if spec is not None:
        names.update(dir(spec.target))
        names.discard(_spec.KNOWN_KEY)
    return sorted(names)


class ObjectDouble(_Recorder, FastMockMixin, mock.NonCallableMagicMock):
    """A double of an instance: members are built from the spec on first use.

    Example:
        >>> import asyncio, fakes
        >>> class UserRepo:
        ...     async def get(self, user_id: int) -> dict: ...
        >>> repo = fakes.async_double(UserRepo)
        >>> _ = repo.get.returns({"id": 1})
        >>> asyncio.run(repo.get(1))
        {'id': 1}
    """

    _fakes_lazy_magics = False
    __getattr__ = _spec_getattr
    __dir__ = _spec_dir

    def __await__(self) -> Any:
        spec: Spec = self.__dict__["_fakes_spec"]
        raise NotAwaitableError(_render.awaited_object(self._fakes_label(), spec.name))

    def _fakes_child_class(self, new_name: Any) -> type:
        return SyncDouble


class ValueDouble(_Recorder, FastMockMixin, mock.NonCallableMagicMock):
    """A double of a data attribute whose value the spec does not fix."""

    def __await__(self) -> Any:
        raise NotAwaitableError(_render.awaited_value(self._fakes_label()))

    def _fakes_child_class(self, new_name: Any) -> type:
        return _MagicDouble if new_name in _SYNC_MAGICS else _Unknown


class _Unknown(SyncDouble):
    """A double below a value of no known class: awaiting it says why it fails."""

    def __await__(self) -> Any:
        label = self._fakes_label()
        parent: Any = self.__dict__["_mock_new_parent"]
        while parent is not None:
            state = parent.__dict__
            if isinstance(parent, (ValueDouble, AwaitableMixin)) or state.get(
                "_fakes_member"
            ):
                is_value = not isinstance(parent, AwaitableMixin) and isinstance(
                    parent, ValueDouble
                )
                anchor = cast(Any, parent)._fakes_label()
                raise NotAwaitableError(
                    _render.awaited_unknown(label, anchor, is_value)
                )
            parent = state["_mock_new_parent"]
        raise NotAwaitableError(_render.awaited_value(label))


def _await_default(double: Any, cls: Any) -> Any:
    """What awaiting ``double`` gives until configured: a double of ``cls``."""
    state = double.__dict__
    found = state.get("_fakes_await_result", _DEFAULT)
    if found is _DEFAULT:
        if cls is None:
            found = None
        elif isinstance(cls, type):
            found = _object_double(cls, parent=double)
        else:
            found = _Unknown(_new_parent=double, _new_name="()")
        state["_fakes_await_result"] = found
    return found


class AwaitableDouble(AwaitableMixin, ValueDouble):
    """A double of an async property: awaiting it is recorded, as a call is.

    Example:
        >>> import asyncio, fakes
        >>> class Device:
        ...     @property
        ...     async def ready(self) -> bool: ...
        >>> device = fakes.async_double(Device)
        >>> _ = device.ready.returns(True)
        >>> async def main() -> bool:
        ...     return await device.ready
        >>> asyncio.run(main())
        True
    """

    def _fakes_await_default(self) -> Any:
        member: Member = self.__dict__["_fakes_member"]
        return _await_default(self, member.return_class())


class _AwaitableObjectDouble(AwaitableMixin, ObjectDouble):
    """A double of an instance of a class with ``__await__``."""

    def _fakes_await_default(self) -> Any:
        spec: Spec = self.__dict__["_fakes_spec"]
        return _await_default(self, _awaited.await_class(spec.cls))


class ClassDouble(_Recorder, FastMockMixin, mock.MagicMock):
    """A double of a class: calling it returns an instance double.

    Example:
        >>> import fakes
        >>> class Client:
        ...     def __init__(self, url: str) -> None: ...
        ...     async def fetch(self) -> bytes: ...
        >>> client_cls = fakes.async_double(Client, instance=False)
        >>> client = client_cls("https://example.test")
        >>> client is client_cls.return_value
        True
    """

    _fakes_lazy_magics = False
    __getattr__ = _spec_getattr
    __dir__ = _spec_dir
    __call__ = cast(Any, SyncDouble.__call__)

    def _get_child_mock(self, /, **kwargs: Any) -> Any:
        if kwargs.get("_new_name") == "()":
            spec: Spec = self.__dict__["_fakes_spec"]
            return _object_double(spec.cls, parent=self)
        return SyncDouble(**kwargs)


def _default_result(double: Any, member: Member) -> Any:
    """What a spec'd member returns until configured, judged by its annotation."""
    returns = member.return_class()
    if returns is None:
        # Annotated ``-> None``: the double returns None, as the real one does.
        return None
    if isinstance(returns, type):
        return _object_double(returns, parent=double)
    kwargs = {"_new_parent": double, "_new_name": "()"}
    if member.kind is Kind.SYNC:
        return _SyncResult(**kwargs)
    return _Unknown(**kwargs)


_IMMUTABLE = (int, float, complex, str, bytes, bool, type(None), tuple, frozenset)


def _member_double(member: Member, parent: Any, attribute: str) -> Any:
    """Build the double of one member of a spec (or return a constant)."""
    kind = member.kind
    wraps = parent.__dict__.get("_mock_wraps")
    if wraps is not None:
        # As the stdlib does: a member of a wrapping double wraps the member.
        wraps = getattr(wraps, attribute)
    if kind is Kind.OBJECT:
        return _object_double(
            member.func, parent=parent, attribute=attribute, wraps=wraps
        )
    if kind is Kind.VALUE and (
        isinstance(member.func, _IMMUTABLE) or _spec.is_constant(member.func)
    ):
        # A constant of the spec (a timeout, a name) is the same on the double.
        return member.func
    kwargs = {
        "name": attribute,
        "parent": parent,
        "_new_name": attribute,
        "_new_parent": parent,
    }
    if wraps is not None:
        kwargs["wraps"] = wraps
    double: Any
    if kind is Kind.ASYNC:
        double = AsyncDouble(**kwargs)
        if attribute in ("__aenter__", "__aexit__"):
            hook = _async_context.magic_hook(parent, attribute)
            double.__dict__["_fakes_behaviour"] = hook
    elif kind is Kind.CLASS:
        double = _class_double_class(member.func)(**kwargs)
        double.__dict__["_fakes_spec"] = _spec.spec_of(member.func, instance=False)
        double.__dict__["_spec_class"] = type
    elif kind is Kind.VALUE:
        return ValueDouble(**kwargs)
    elif kind is Kind.AWAITABLE:
        double = AwaitableDouble(**kwargs)
    else:
        double = SyncDouble(**kwargs)
    double.__dict__["_fakes_member"] = member
    _protocol_defaults(double, member)
    if attribute == "__anext__" and kind is Kind.ASYNC:
        double.__dict__["_fakes_behaviour"] = _self_iter.next_hook(parent)
    elif attribute == "__aiter__" and _self_iter.iterates_itself(parent):
        double.__dict__["_fakes_behaviour"] = _self_iter.SELF
    return double


def _protocol_defaults(double: Any, member: Member) -> None:
    """An async generator yields nothing; a context manager enters a double."""
    if member.kind is Kind.ASYNC_GEN:
        _async_iter.set_items(double, (), None)
    elif member.kind is Kind.ASYNC_CM:
        context = _async_context.context_of(double)
        context._default_from(lambda: _entered_default(double, member))
        context._members_from(lambda: _result_members(double, member))


def _entered_default(double: Any, member: Member) -> Any:
    """What an async context manager member enters until ``enters()`` is set."""
    cls = _hints.entered_class(member.func, member.owner)
    if isinstance(cls, type):
        return _object_double(cls, parent=double)
    return SyncDouble(_new_parent=double, _new_name="()")


def _result_members(double: Any, member: Member) -> Any:
    """A double of the class a context-manager member returns, for its members.

    ``def pipeline(self) -> Pipeline`` returns an object that is entered but
    also used directly (``pipe.set(...)``); ``None`` when the annotation
    names no class of the user's.
    """
    cls = member.return_class()
    return _object_double(cls, parent=double) if isinstance(cls, type) else None


# The protocols a double of an instance takes part in when its spec does;
# identity, hashing and printing stay those of a plain object.
_PROTOCOL_MAGICS = (
    "__aenter__",
    "__aexit__",
    "__aiter__",
    "__anext__",
    "__enter__",
    "__exit__",
    "__iter__",
    "__next__",
    "__len__",
    "__contains__",
    "__getitem__",
    "__setitem__",
    "__delitem__",
    "__call__",
)


def _object_class(cls: type) -> type:
    """The shared double class for instances of ``cls``.

    Magic methods must live on the class for the interpreter to find them
    (``async with``, ``async for``), so a spec that defines any gets a
    subclass of ``ObjectDouble`` with those names, built once.
    """
    known = _spec.known(cls)
    if known.double_class is not None:
        return known.double_class
    names = [
        name
        for name in _PROTOCOL_MAGICS
        if any(name in klass.__dict__ for klass in cls.__mro__[:-1])
    ]
    namespace: dict[str, Any] = {name: _SpecMagic(name) for name in names}
    namespace.update(_shadowing(known.by_instance))
    base: type = ObjectDouble
    if _awaited.has_await(cls):
        base = _AwaitableObjectDouble
    double_cls = base
    if namespace or base is not ObjectDouble:
        double_cls = type(f"ObjectDouble[{cls.__qualname__}]", (base,), namespace)
    known.double_class = known.by_instance.double_class = double_cls
    return double_cls


def _class_double_class(cls: type) -> type:
    """The double class of ``cls`` itself, with the spec's hiding members if any."""
    known = _spec.known(cls)
    if known.class_double_class is not None:
        return known.class_double_class
    namespace = _shadowing(known.by_class)
    double_cls: type = ClassDouble
    if namespace:
        double_cls = type(f"ClassDouble[{cls.__qualname__}]", (ClassDouble,), namespace)
    known.class_double_class = double_cls
    return double_cls


def _shadowing(spec: Spec) -> dict[str, Any]:
    """Class attributes that give the spec's members named like short forms.

    Spec members win: ``double.when`` of a spec with a ``when`` member is
    that member's double; the short form stays reachable through
    ``fakes.on(double)``.
    """
    names = frozenset(name for name in SHORT_FORMS if spec.member(name) is not None)
    if not names:
        return {}
    namespace: dict[str, Any] = {
        name: _SpecCalled() if name == "called" else _SpecMagic(name) for name in names
    }
    namespace["_fakes_shadowed"] = names
    return namespace


class _SpecMagic:
    """A magic method of the spec, read from the spec on first use."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            return self
        return _spec_getattr(obj, self.name)


_STDLIB_CALLED: Any = mock.NonCallableMock.called


class _SpecCalled:
    """``called`` of a double whose spec has a member of that name.

    Reading gives the member's double. The stdlib writes ``self.called``
    when a call is made and on ``reset_mock()`` (it never reads it): those
    writes still set the stdlib's flag, so its bookkeeping stays right.
    """

    __slots__ = ()

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            return self
        return _spec_getattr(obj, "called")

    def __set__(self, obj: Any, value: Any) -> None:
        _STDLIB_CALLED.__set__(obj, value)


def _object_double(
    target: Any,
    label: str | None = None,
    *,
    parent: Any = None,
    attribute: str | None = None,
    wraps: Any = None,
) -> Any:
    """Build an instance double of ``target`` (a class or an instance).

    A root double is called ``label``; a double with a parent is named by
    its path from the root (``db.pool``, ``db.connect()``), worked out when
    first shown.
    """
    spec = _spec.spec_of(target, instance=True)
    kwargs: dict[str, Any] = {}
    if parent is not None:
        kwargs = {"_new_parent": parent, "_new_name": attribute or "()"}
        if attribute is not None:
            kwargs.update(name=attribute, parent=parent)
    if wraps is not None:
        kwargs["wraps"] = wraps
    double_cls = spec.double_class
    if double_cls is None:
        double_cls = _object_class(spec.cls)
    double = double_cls(**kwargs)
    state = double.__dict__
    if parent is None:
        state["_mock_name"] = state["_fakes_name"] = label or spec.name
    state["_fakes_spec"] = spec
    state["_spec_class"] = spec.cls
    return double


# How the checkers type a double (the spec's own type, so a double passes
# where the real object is expected): a class gives an instance of it, or the
# class itself with ``instance=False``; a function or an object gives its own
# type. mypy refuses an abstract class or a Protocol for ``type[T]``; those
# fall to ``type[Any]`` and give ``Any`` (pyright takes the first overload).
@overload
def async_double(
    spec: type[T],
    *,
    name: str | None = ...,
    instance: Literal[True] = ...,
    wraps: Any = ...,
) -> T: ...
@overload
def async_double(
    spec: type[T],
    *,
    name: str | None = ...,
    instance: Literal[False],
    wraps: Any = ...,
) -> type[T]: ...
@overload
def async_double(
    spec: type[Any],
    *,
    name: str | None = ...,
    instance: bool = ...,
    wraps: Any = ...,
) -> Any: ...
@overload
def async_double(
    spec: None = ...,
    *,
    name: str | None = ...,
    instance: bool = ...,
    wraps: Any = ...,
) -> Any: ...
@overload
def async_double(
    spec: T, *, name: str | None = ..., instance: bool = ..., wraps: Any = ...
) -> T: ...
def async_double(
    spec: Any = None,
    *,
    name: str | None = None,
    instance: bool = True,
    wraps: Any = None,
) -> Any:
    """Create a double of ``spec``: an async function, function, class or object.

    Members are built lazily, the first time they are used; a call that does
    not fit the spec's signature raises ``TypeError`` when it is made.

    Args:
        spec: What the double stands in for, or ``None`` for a spec-less
            double that behaves like ``AsyncMock``.
        name: The name shown in the ledger and in messages (defaults to the
            spec's qualified name); members, nested doubles and results are
            named by their path from it (``db.pool.acquire``,
            ``db.connect()``).
        instance: For a class spec: ``True`` (default) for a double of an
            instance, ``False`` for a double of the class itself, whose calls
            return an instance double.
        wraps: A real object to pass calls through to until the double is
            configured, as ``AsyncMock(wraps=...)`` does: awaiting the double
            calls ``wraps`` and awaits its result when it is a coroutine
            function. For a class or object spec, each member wraps the same
            member of ``wraps``.

    Returns:
        The double, typed as the spec so it passes where the real object is
        expected.

    Raises:
        SpecError: ``spec`` is not a function, class or object.
        FakesTypeError: ``name`` is not a string.

    Example:
        >>> import asyncio, fakes
        >>> class UserRepo:
        ...     async def get(self, user_id: int) -> dict: ...
        >>> repo = fakes.async_double(UserRepo)
        >>> _ = repo.get.returns({"id": 1})
        >>> asyncio.run(repo.get(1))
        {'id': 1}
        >>> repo.get(1, 2)
        Traceback (most recent call last):
        fakes.errors.SignatureMismatchError: UserRepo.get(1, 2) does not match ...
    """
    if name is not None and not isinstance(name, str):
        raise FakesTypeError(_render.double_bad_name(name))
    if spec is None:
        double: Any = AsyncDouble(name=name, wraps=wraps)
        return double
    origin = typing.get_origin(spec)
    if isinstance(origin, type) and not isinstance(spec, type):
        # A parametrised generic, such as Repo[int]: a double of Repo.
        spec = origin
    if isinstance(spec, type):
        if instance:
            return _object_double(spec, name or spec.__qualname__, wraps=wraps)
        double = _class_double_class(spec)(name=name or spec.__qualname__, wraps=wraps)
        state = double.__dict__
        state["_fakes_spec"] = _spec.spec_of(spec, instance=False)
        state["_fakes_member"] = _spec.constructor_member(spec, spec.__qualname__)
        state["_spec_class"] = type
        return double
    if callable(spec) and not _has_own_members(spec):
        label = name or getattr(spec, "__qualname__", None) or type(spec).__qualname__
        member = _spec.callable_member(spec, _spec.callable_name(spec))
        kind = AsyncDouble if member.kind is Kind.ASYNC else SyncDouble
        double = kind(name=label, wraps=wraps)
        double.__dict__["_fakes_member"] = member
        _protocol_defaults(double, member)
        return double
    if not _spec.is_valid_spec(spec):
        raise SpecError(_render.bad_spec(spec))
    return _object_double(spec, name, wraps=wraps)


def factory_double(func: Any, *, bound: bool = False) -> Any:
    """A double of a sync function whose result is awaited or entered.

    Calls are checked against ``func``'s signature; each returns the double's
    one async-context double, which is also awaitable
    (``patch_async(..., factory=True)``).
    """
    member = _spec.Member(
        Kind.ASYNC_CM, _spec.callable_name(func), func, bound=bound, awaitable=True
    )
    label = getattr(func, "__qualname__", None) or type(func).__qualname__
    double: Any = SyncDouble(name=label)
    double.__dict__["_fakes_member"] = member
    _protocol_defaults(double, member)
    return double


def _has_own_members(value: Any) -> bool:
    """Whether a callable is an object with members rather than a function."""
    return not (
        inspect.isroutine(value)
        or _has_static(value, "__wrapped__")
        or type(value).__module__ in ("functools", "builtins")
    )


def _has_static(value: Any, name: str) -> bool:
    """``hasattr`` that runs no ``__getattr__`` and no property of ``value``."""
    try:
        inspect.getattr_static(value, name)
    except AttributeError:
        return False
    return True
