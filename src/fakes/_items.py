"""What the assertions are about: a double, ``awaited(...)`` or ``called(...)``.

Also the small pieces every assertion shares: reading items, matching an
await's arguments, and cutting the relevant part of the ledger for a message.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple
from unittest import mock

from fakes import _matching, _render
from fakes._ledger import CALLED, STARTED, Ledger
from fakes.errors import FakesTypeError, MatcherError

__all__ = [
    "Awaited",
    "Called",
    "Item",
    "awaited",
    "called",
    "items_of",
    "matches",
    "rows",
    "window",
]

_CALL = type(mock.call)
#: How many rows of the ledger an assertion message shows at most.
ROWS = 30


def is_double(value: Any) -> bool:
    """Whether ``value`` is a fakes double (without creating a mock child)."""
    return callable(getattr(type(value), "_fakes_label", None))


class Awaited:
    """An await of a double with matching arguments: made by :func:`awaited`.

    Attributes:
        double: The double.
        args: The expected positional arguments (values or matchers).
        kwargs: The expected keyword arguments (values or matchers).
    """

    __slots__ = ("args", "double", "kwargs")

    def __init__(self, double: Any, args: tuple[Any, ...], kwargs: dict[str, Any]):
        self.double = double
        self.args = args
        self.kwargs = kwargs

    def __repr__(self) -> str:
        label = self.double._fakes_label()
        inner = _render.format_call(label, self.args, self.kwargs)[len(label) + 1 : -1]
        return f"awaited({label}{', ' if inner else ''}{inner})"


def awaited(double: Any, /, *args: Any, **kwargs: Any) -> Awaited:
    """An assertion item: an await of ``double`` with these arguments.

    Arguments compare with ``==``, the expected value on the left, so
    ``unittest.mock.ANY`` and matchers such as dirty-equals' drive the
    comparison. A single ``mock.call(...)`` stands for its arguments. For a
    double with a spec, both calls are first bound to the spec's signature,
    as autospec does: ``awaited(repo.get, user_id=1)`` matches an await of
    ``repo.get(1)``.

    Args:
        double: A double made by :func:`fakes.async_double`.
        *args: The expected positional arguments.
        **kwargs: The expected keyword arguments.

    Returns:
        The item, for :func:`fakes.assert_awaited_in_order` and the other
        assertions.

    Raises:
        FakesTypeError: ``double`` is not a fakes double.

    Example:
        >>> import asyncio, fakes
        >>> from unittest.mock import ANY
        >>> fetch = fakes.async_double(name="fetch")
        >>> _ = asyncio.run(fetch(1, retry=True))
        >>> fakes.assert_awaited_in_order(fakes.awaited(fetch, 1, retry=ANY))
    """
    __tracebackhide__ = True
    if not is_double(double):
        raise _not_a_double("awaited", 1, double)
    if len(args) == 1 and not kwargs and isinstance(args[0], _CALL):
        call = args[0]
        if tuple.__getitem__(call, 0) == "":
            args, kwargs = tuple(call.args), dict(call.kwargs)
    return Awaited(double, args, kwargs)


class Called(Awaited):
    """A call of a double with matching arguments: made by :func:`called`."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "called" + super().__repr__()[len("awaited") :]


def called(double: Any, /, *args: Any, **kwargs: Any) -> Called:
    """An item of :func:`fakes.assert_called_in_order`: a call with these arguments.

    It stands for the ``called`` event of a call, sync or async (the moment
    the double was called, awaited or not). Arguments compare as for
    :func:`fakes.awaited`.

    Args:
        double: A double made by :func:`fakes.async_double`.
        *args: The expected positional arguments.
        **kwargs: The expected keyword arguments.

    Returns:
        The item.

    Raises:
        FakesTypeError: ``double`` is not a fakes double.

    Example:
        >>> import fakes
        >>> class Headers:
        ...     def set(self, name: str, value: str) -> None: ...
        >>> headers = fakes.async_double(Headers)
        >>> headers.set("x-trace", "1")
        >>> fakes.assert_called_in_order(fakes.called(headers.set, "x-trace", "1"))
    """
    __tracebackhide__ = True
    if not is_double(double):
        raise _not_a_double("called", 1, double, calls=True)
    item = awaited(double, *args, **kwargs)
    return Called(item.double, item.args, item.kwargs)


class Item(NamedTuple):
    """One item of an assertion, resolved."""

    key: int
    double: Any
    label: str
    args: tuple[Any, ...] | None
    kwargs: dict[str, Any]
    text: str
    # The expected arguments as the spec's signature binds them (None when
    # the double has no signature or they do not bind).
    bound: tuple[tuple[Any, ...], dict[str, Any]] | None = None
    # The event the item stands for (CALLED or STARTED), when the item says
    # it; None for a bare double, which stands for the assertion's own kind.
    event: int | None = None

    @property
    def plain(self) -> bool:
        """Whether the item is a bare double (any arguments)."""
        return self.args is None


def _not_a_double(
    function: str, position: int, value: Any, calls: bool = False
) -> FakesTypeError:
    if isinstance(value, mock.NonCallableMock):
        return FakesTypeError(_render.plain_mock_item(function, position, value))
    return FakesTypeError(_render.bad_item(function, position, value, calls))


def items_of(
    function: str, values: Sequence[Any], minimum: int = 1, *, calls: bool = False
) -> list[Item]:
    """Check and resolve the items given to an assertion.

    Args:
        function: The assertion's name, for messages.
        values: The items as given.
        minimum: How many items the assertion needs.
        calls: Whether ``called(...)`` items are allowed (the assertion is
            about calls); otherwise they are refused.
    """
    __tracebackhide__ = True
    if len(values) < minimum:
        raise FakesTypeError(_render.no_items(function, minimum, calls))
    items = []
    for position, value in enumerate(values, 1):
        event = None
        if isinstance(value, Called) and not calls:
            raise FakesTypeError(_render.called_item_elsewhere(function, position))
        if isinstance(value, Awaited):
            double, args, kwargs = value.double, value.args, value.kwargs
            event = CALLED if isinstance(value, Called) else STARTED
        elif is_double(value):
            double, args, kwargs = value, None, {}
        else:
            raise _not_a_double(function, position, value, calls)
        label = double._fakes_label()
        bound = None
        if args is not None:
            bound = _matching.bind(_matching.own_signature(double), args, kwargs)
        items.append(
            Item(
                id(double),
                double,
                label,
                args,
                kwargs,
                _render.item_text(label, args, kwargs),
                bound,
                event,
            )
        )
    return items


def matches(item: Item, ledger: Ledger, seq: int, call: int) -> bool:
    """Whether the event ``seq`` (of ``item``'s double) has matching arguments."""
    __tracebackhide__ = True
    if item.args is None:
        return True
    args, kwargs = ledger.arguments(call)
    try:
        if item.args == args and item.kwargs == kwargs:
            return True
        expected = item.bound
        if expected is None:
            return False
        # Written differently, perhaps the same call: fetch(1) is
        # fetch(user_id=1). Equal as written implies equal bound, so binding
        # waits until the plain comparison fails.
        actual = _matching.bind(_matching.own_signature(item.double), args, kwargs)
        return actual is not None and bool(
            expected[0] == actual[0] and expected[1] == actual[1]
        )
    except Exception as error:
        text = _render.format_call(item.label, args, kwargs)
        raise MatcherError(
            _render.matcher_raised(item.text, seq, text, error)
        ) from error


def window(seqs: Sequence[int], focus: int | None) -> tuple[list[int], int, int]:
    """At most :data:`ROWS` of ``seqs`` around the index ``focus``.

    Returns:
        The shown sequence numbers, and how many are left out before and after.
    """
    start = max(0, min((focus or 0) - ROWS // 2, len(seqs) - ROWS))
    shown = list(seqs[start : start + ROWS])
    return shown, start, len(seqs) - start - len(shown)


def rows(
    ledger: Ledger, seqs: Sequence[int], marks: dict[int, str], focus: int | None
) -> str:
    """Render the events ``seqs`` of the ledger (a window around ``focus``)."""
    shown, before, after = window(seqs, focus)
    return _render.assertion_rows(
        [ledger[seq] for seq in shown],
        marks,
        before,
        after,
        (ledger.dropped, ledger.capacity),
    )
