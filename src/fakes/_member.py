"""One member of a spec (or a function spec itself), read lazily.

A ``Member`` knows its kind, the signature its calls are checked against, the
class its return annotation names and whether its result is awaited; the
constructor of a class double and a function spec are members too.
"""

from __future__ import annotations

import functools
import inspect
from typing import Any

from fakes import _awaited, _render, _return_hints
from fakes._double.state import state_of
from fakes._hints import MISSING as _MISSING
from fakes._kinds import Kind, function_kind
from fakes._signature_check import compile_checker, plain_forward_refs
from fakes.errors import SignatureMismatchError

__all__ = [
    "Member",
    "callable_member",
    "callable_name",
    "constructor_member",
    "declare",
]


class Member:
    """One member of a spec (or a function spec itself), read lazily."""

    __slots__ = (
        "_awaitable",
        "_checker",
        "_optional",
        "_returns",
        "_signature",
        "bound",
        "func",
        "kind",
        "name",
        "owner",
    )

    def __init__(
        self,
        kind: Kind,
        name: str,
        func: Any,
        *,
        bound: bool = False,
        owner: type | None = None,
        awaitable: bool | None = None,
    ) -> None:
        self.kind = kind
        self.name = name
        self.func = func
        self.bound = bound
        # The spec's class, for ``Self`` and names local to its module.
        self.owner = owner
        self._signature: Any = _MISSING
        self._checker: Any = _MISSING
        self._returns: Any = _MISSING
        self._awaitable = awaitable
        self._optional: bool | None = None

    @property
    def signature(self) -> inspect.Signature | None:
        """The signature a call must bind to, without ``self`` when bound."""
        if self._signature is _MISSING:
            try:
                sig = inspect.signature(self.func)
            except (TypeError, ValueError):
                sig = None
            if sig is not None and self.bound:
                params = list(sig.parameters.values())
                if params and params[0].kind in (
                    inspect.Parameter.POSITIONAL_ONLY,
                    inspect.Parameter.POSITIONAL_OR_KEYWORD,
                ):
                    sig = sig.replace(parameters=params[1:])
            if sig is not None:
                sig = plain_forward_refs(sig)
            self._signature = sig
        return self._signature  # type: ignore[no-any-return]

    def check(self, args: tuple[Any, ...], kwargs: dict[str, Any], double: Any) -> None:
        """Raise ``SignatureMismatchError`` when a call does not bind.

        Args:
            args: The call's positional arguments.
            kwargs: The call's keyword arguments.
            double: The double called, named in the message by its path.

        Raises:
            SignatureMismatchError: The arguments do not fit the signature.
        """
        checker = self._checker
        if checker is _MISSING:
            checker = self._checker = compile_checker(self.signature)
        if checker is None:
            return
        try:
            checker(*args, **kwargs)
        except TypeError:
            sig = self.signature
            assert sig is not None
            try:
                sig.bind(*args, **kwargs)
            except TypeError as error:
                raise SignatureMismatchError(
                    _render.signature_mismatch(
                        double._fakes_label(), self.name, sig, args, kwargs, error
                    )
                ) from None

    def return_class(self) -> Any:
        """The class named by the return annotation, ``None`` for ``-> None``.

        Returns:
            A class, ``None``, or ``_MISSING`` when nothing useful is known.
        """
        if self._returns is _MISSING:
            if self.kind is Kind.ASYNC or self.kind is Kind.AWAITABLE:
                # What an await gives, also behind ``-> Awaitable[T]``.
                self._returns = _awaited.awaited_class(self.func, self.owner)
            else:
                self._returns = _return_hints.return_class(self.func, self.owner)
        return self._returns

    def result_awaitable(self) -> bool:
        """Whether the result of an async-context-manager member is also awaited.

        So it is when the class the member returns defines ``__await__`` (an
        HTTP client's request), or when the member was made so (a patched
        factory).
        """
        if self._awaitable is None:
            cls = self.return_class()
            self._awaitable = isinstance(cls, type) and any(
                "__await__" in vars(klass) for klass in cls.__mro__[:-1]
            )
        return self._awaitable

    def optional_await(self) -> bool:
        """Whether the caller may use a call's result without awaiting it.

        So it is for a sync method annotated ``T | Awaitable[T]``.
        """
        if self._optional is None:
            self._optional = self.kind is Kind.ASYNC and _awaited.awaiting_optional(
                self.func, self.owner
            )
        return self._optional

    def declared_as(self, kind: Kind) -> Member | None:
        """This member as ``kind``, when it is a sync one that says nothing more.

        A plain ``def`` without a return annotation may return an async
        context manager or an async iterator (asyncpg's ``Pool.acquire``,
        ``Connection.transaction`` and ``Connection.cursor``); configuring it
        with ``enters()`` or ``yields()`` says which. A context manager made
        so is also awaitable, as a patched factory's is. ``None`` for any
        other member: what it is was read from the spec. A generator
        function says what it returns: a sync iterator.
        """
        annotations = getattr(self.func, "__annotations__", None) or {}
        if self.kind is not Kind.SYNC or "return" in annotations:
            return None
        if inspect.isgeneratorfunction(self.func):
            return None
        return Member(
            kind,
            self.name,
            self.func,
            bound=self.bound,
            owner=self.owner,
            awaitable=True if kind is Kind.ASYNC_CM else None,
        )


def declare(double: Any, kind: Kind) -> None:
    """Make ``double``'s member ``kind`` when the spec leaves it open.

    The member is replaced on this double only: the spec's cached member,
    shared by every double of the class, stays as it was read.
    """
    own = state_of(double)
    member = own.member
    declared = None if member is None else member.declared_as(kind)
    if declared is not None:
        own.member = declared


def callable_name(func: Any) -> str:
    """The name a function spec goes by: its qualified name, as written.

    A function defined inside another one is named from where it is defined
    (``fetch``, not ``test_x.<locals>.fetch``); a ``functools.partial`` by the
    function it wraps.
    """
    while isinstance(func, functools.partial):
        func = func.func
    name = getattr(func, "__qualname__", None)
    if not isinstance(name, str):
        name = type(func).__qualname__
    return name.rpartition("<locals>.")[2]


def callable_member(func: Any, name: str) -> Member:
    """Describe a function spec (not a member of a class) as a ``Member``."""
    return Member(function_kind(func), name, func)


def constructor_member(cls: type, name: str) -> Member | None:
    """The member a call of the class ``cls`` is checked against.

    ``__init__``, unless it says nothing more than ``(*args, **kwargs)`` and
    the class defines ``__new__`` in Python (a ``NamedTuple``, a class made
    by ``__new__`` alone): then ``__new__``. ``None`` when neither is defined.
    """
    klass: Any = cls
    init: Any = klass.__init__
    new: Any = klass.__new__
    if init is object.__init__ or _says_nothing(init):
        if inspect.isfunction(new):
            return Member(Kind.SYNC, name, new, bound=True, owner=cls)
        if init is object.__init__:
            return None
    return Member(Kind.SYNC, name, init, bound=True, owner=cls)


def _says_nothing(init: Any) -> bool:
    """Whether ``__init__`` takes any arguments at all: ``(self, *a, **k)``."""
    try:
        params = list(inspect.signature(init).parameters.values())[1:]
    except (TypeError, ValueError):
        return False
    variadic = (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)
    return all(param.kind in variadic for param in params)
