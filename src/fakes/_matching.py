"""Matching expected calls against recorded ones through the spec's signature.

``fetch(1)`` and ``fetch(user_id=1)`` are the same call of
``async def fetch(user_id)``; the assertions of ``unittest.mock`` treat them
as the same for an autospec'd mock, by binding both to the signature before
comparing. A double of ``fakes`` does the same: the stdlib's assertions find
the signature through :func:`own_signature` and :func:`signature_at` (the
double's ``_spec_signature`` and its lookup by call name), and ``awaited()``
items through :func:`bind`.

Nothing here runs when a double is called or awaited: a signature is read
and calls are bound only when an assertion compares them.
"""

from __future__ import annotations

import inspect
from typing import Any
from unittest import mock

from fakes._double.state import state_of
from fakes._stdlib import children_of, given_signature, raw_return_value

__all__ = ["bind", "own_signature", "signature_at"]

_DEFAULT = mock.DEFAULT


def own_signature(double: Any) -> inspect.Signature | None:
    """The signature calls of ``double`` are matched by, or ``None``.

    A signature the stdlib was given (``mock_add_spec``, ``create_autospec``)
    wins; otherwise a spec'd double's member gives its own (without ``self``
    for a method, ``__init__``'s for a class).
    """
    sig = given_signature(double)
    if sig is None:
        member = state_of(double).member
        if member is not None:
            sig = member.signature
    return sig  # type: ignore[no-any-return]


def _as_double(value: Any) -> Any:
    """The mock behind a child: itself, or the mock of an autospec'd function."""
    if isinstance(value, mock.NonCallableMock):
        return value
    inner = getattr(value, "mock", None)
    return inner if isinstance(inner, mock.NonCallableMock) else None


def signature_at(double: Any, name: str) -> inspect.Signature | None:
    """The signature of the double that made a call recorded as ``name``.

    ``name`` is a path as in ``mock_calls``: ``"get"``, ``"pool.acquire"``,
    ``"connect().cursor"``. Each ``()`` steps into the result of a call.
    A path that leads nowhere known gives ``None`` (compare as written),
    never the signature of a double higher up.
    """
    node = _as_double(double)
    if not name:
        return None if node is None else own_signature(node)
    for piece in name.split("."):
        attribute = piece.replace("()", "")
        if attribute:
            children = None if node is None else children_of(node)
            node = None if children is None else _as_double(children.get(attribute))
        for _ in range(piece.count("()")):
            result = _DEFAULT if node is None else raw_return_value(node)
            node = None if result is _DEFAULT else _as_double(result)
        if node is None:
            return None
    return own_signature(node)


def bind(
    sig: inspect.Signature | None, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> tuple[tuple[Any, ...], dict[str, Any]] | None:
    """``(args, kwargs)`` as the signature binds them, or ``None``.

    As the stdlib does, defaults are not filled in: ``fetch(1)`` and
    ``fetch(1, retry=False)`` stay different calls.
    """
    if sig is None:
        return None
    try:
        bound = sig.bind(*args, **kwargs)
    except TypeError:
        return None
    return bound.args, bound.kwargs
