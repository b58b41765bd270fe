"""The base of every double: its name, its call recording, its children.

Every double is a ``unittest.mock`` object (``AsyncDouble`` is an
``AsyncMock``), so the stdlib API keeps working; this base names the double
by its dotted path, records each call as the stdlib does (more cheaply),
keeps configuration and the stdlib's default results apart, and asks the
member builder (``_construction.BUILD``) for a spec'd member's default
result.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, SupportsIndex
from unittest import mock

from fakes import _behaviour, _context_protocol, _matching, _unused
from fakes._double import copying
from fakes._double.construction import BUILD
from fakes._double.fastmock import recorded_call
from fakes._double.short_forms import (
    SHORT_FORMS,
    STDLIB_HIDDEN,
    ShortForms,
    StdlibChild,
)
from fakes._double.state import state_of
from fakes._stdlib import ALL_MAGICS

__all__ = ["Recorder"]

_DEFAULT = mock.DEFAULT
_STDLIB_RETURN_VALUE: Any = mock.NonCallableMock.return_value
# Whether reading return_value of a wrapping mock makes a child, as before
# Python 3.13 (3.13 leaves it DEFAULT, so that calls reach the wrapped object).
_CHILD_WHEN_WRAPPING = mock.NonCallableMock(wraps=len).return_value is not _DEFAULT


# The stdlib attributes a double's path is made of.
_NAMING = frozenset(
    {"_mock_name", "_mock_new_name", "_mock_parent", "_mock_new_parent"}
)


class Recorder(ShortForms):
    """Naming, call bookkeeping and children of a double."""

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
        own = state_of(self)
        label = own.name
        if label is None:
            label = own.name = self._extract_mock_name()
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

    def _fakes_get_return_value(self) -> Any:
        # The stdlib getter sets the default result it makes through
        # ``self.return_value = ...``, which would read as configuration and
        # forget a script; storing it with the stdlib's own setter does not.
        state = self.__dict__
        if (
            # A non-callable mock has no return value until one is read.
            state.get("_mock_return_value", _DEFAULT) is _DEFAULT
            and state["_mock_delegate"] is None
            and (_CHILD_WHEN_WRAPPING or state["_mock_wraps"] is None)
        ):
            child = self._get_child_mock(_new_parent=self, _new_name="()")
            _STDLIB_RETURN_VALUE.fset(self, child)
            state_of(self).auto_return = child
        return _STDLIB_RETURN_VALUE.fget(self)

    def _fakes_set_return_value(self, value: Any) -> None:
        _STDLIB_RETURN_VALUE.fset(self, value)

    return_value = property(
        _fakes_get_return_value,
        _fakes_set_return_value,
        doc=_STDLIB_RETURN_VALUE.__doc__,
    )

    def __setattr__(self, name: str, value: Any) -> None:
        spec = state_of(self).spec
        if (
            spec is not None
            and not name.startswith(("_mock_", "_spec_", "_fakes_"))
            # A magic method's stdlib proxy sets the method it makes through
            # this very method, and reading the proxy on the class makes it:
            # for those, the spec alone decides.
            and (name in ALL_MAGICS or not hasattr(type(self), name))
            and spec.member(name) is None
        ):
            # Works on the double, but the real object has no such attribute:
            # strict verification reports it.
            _unused.set_outside_spec(self, name)
        if name in ("return_value", "side_effect"):
            state = self.__dict__
            behaviour = state_of(self).behaviour
            # The stdlib getter of return_value stores the child it makes:
            # that is not a configuration.
            if behaviour is not None and not (
                isinstance(value, mock.NonCallableMock)
                and value.__dict__.get("_mock_new_parent") is self
                and state.get("_mock_return_value") is _DEFAULT
            ):
                _behaviour.set_behaviour(self, behaviour.without_defaults())
        elif name in _NAMING:
            # Re-parented (attach_mock, a double set as a return value): the
            # path changes, so the name is worked out again when next shown.
            state_of(self).name = None
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
            >>> state_of(double).behaviour is None
            True
        """
        super().reset_mock(  # type: ignore[misc]
            visited, return_value=return_value, side_effect=side_effect
        )
        if return_value or side_effect:
            behaviour = state_of(self).behaviour
            if isinstance(behaviour, _behaviour.Behaviour):
                behaviour.rules = None
                _behaviour.set_behaviour(self, behaviour.without_defaults())

    def _mock_add_spec(self, *args: Any, **kwargs: Any) -> None:
        # Also the path of ``spec=`` given to the constructor (the drop-in
        # classes): names of that spec hide the short forms, as they would
        # give child mocks on an AsyncMock. The double's class is its own by
        # now (adding a spec moves it to one).
        super()._mock_add_spec(*args, **kwargs)  # type: ignore[misc]
        cls = type(self)
        for name in SHORT_FORMS:
            if isinstance(cls.__dict__.get(name), StdlibChild):
                type.__delattr__(cls, name)
        methods = self.__dict__.get("_mock_methods")
        if methods:
            for name in STDLIB_HIDDEN.intersection(methods):
                type.__setattr__(cls, name, StdlibChild(name))

    def __reduce_ex__(self, protocol: SupportsIndex, /) -> Any:
        # copy.copy and copy.deepcopy: as for a mock, except that the copy
        # gets a state of its own (see _double.copying).
        return copying.reduce(self)

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
        if self.__dict__["_mock_sealed"]:
            # mock.seal(): the stdlib refuses the new child, with its message.
            return super()._get_child_mock(**kwargs)  # type: ignore[misc]
        member = state_of(self).member
        name = kwargs.get("_new_name")
        if member is not None and name == "()":
            return BUILD.default_result(self, member)
        child = self._fakes_child_class(name)(**kwargs)
        if (
            name in ("__aenter__", "__aexit__")
            and member is None
            and isinstance(self, mock.AsyncMock)
        ):
            # So that an AsyncMock-like double's blocks are recorded from the first.
            hook = _context_protocol.magic_hook(self, name)
            _behaviour.set_behaviour(child, hook)
        return child

    def _fakes_child_class(self, new_name: Any) -> type:
        raise NotImplementedError
