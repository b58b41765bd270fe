"""Messages about async iterators (``yields()``, ``async_iter``)."""

from __future__ import annotations

from typing import Any

from ._text import plural_of, safe_repr, with_article
from .doubles import name_not_str


def iter_items_not_iterable(name: str, value: Any) -> str:
    """``async_iter(items)`` with something that cannot be iterated."""
    return (
        f"fakes.async_iter() takes an iterable of the items {name} hands out; "
        f"got {safe_repr(value)} ({type(value).__name__}).\n"
        "Fix: pass a list or tuple of items, such as fakes.async_iter([1, 2])."
    )


def async_iter_bad_name(value: Any) -> str:
    """``fakes.async_iter(name=...)`` with something that is not a string."""
    return name_not_str("fakes.async_iter", value, "(it is 'async_iter')")


def not_async_generator(name: str, member_kind: str | None, *, has_spec: bool) -> str:
    """``yields()`` on a double that is not an async generator.

    ``member_kind`` is the kind of the spec member the double stands for.
    """
    if member_kind is not None:
        kind = f"{member_kind} member"
    else:
        kind = "double of an object" if has_spec else "double without a spec"
    return (
        f"{name}.yields() configures an async generator, but {name} is "
        f"{with_article(kind)}.\nFix: use returns() or script() for it, or "
        "give the double a spec whose member is an async generator."
    )


def yields_on_generator(name: str) -> str:
    """``yields()`` on a member that is a sync generator function."""
    return (
        f"{name}.yields() configures an async generator, but {name} is a "
        "generator function (a def with yield): the code under test iterates "
        f"over {name}() with for, not async for.\nFix: use "
        f"{name}.returns(iter([...])) (return_value = iter([...])) for one "
        f"call, or {name}.answers(lambda *args, **kwargs: iter([...])) for a "
        "fresh iterator at each call."
    )


def iter_raises_not_exception(name: str, value: Any) -> str:
    """``raises=`` of an async iterator with something not an exception."""
    return (
        f"{name} can end with an exception instance or class, got "
        f"{safe_repr(value)} for raises=; put values among the items instead."
    )


def iter_never_called(name: str) -> str:
    """An assertion about the iterators of a member that was never called."""
    return (
        f"{name} was never called, so it handed out no iterator: check that "
        "the code under test iterates over it."
    )


def iter_not_exhausted(name: str, consumed: int, total: int) -> str:
    """``assert_exhausted()`` of an iterator not iterated to the end."""
    return (
        f"{name} was expected to be iterated to the end, but {consumed} of its "
        f"{plural_of(total, 'item')} were consumed: the consumer stopped early."
    )


def iter_not_closed(name: str, consumed: int, total: int) -> str:
    """``assert_closed()`` of an iterator that is still open."""
    return (
        f"{name} was expected to be closed, but it is still open after "
        f"{consumed} of its {plural_of(total, 'item')}: the consumer should "
        "iterate to the end or call aclose() (contextlib.aclosing)."
    )


def iter_bad_count(name: str, count: Any) -> str:
    """``assert_consumed(count)`` with a count that is not a whole number >= 0."""
    return (
        f"{name}.assert_consumed() takes how many items were handed out, a "
        f"whole number of 0 or more; got {safe_repr(count)} "
        f"({type(count).__name__}).\nFix: pass an int, such as "
        f"{name}.assert_consumed(2)."
    )


def iter_consumed_mismatch(name: str, expected: int, actual: int) -> str:
    """``assert_consumed()`` with another count."""
    return (
        f"{name} was expected to hand out {plural_of(expected, 'item')}, but "
        f"handed out {actual}."
    )
