"""Checking a call against a signature the way CPython checks a call.

The signature's parameters become a compiled no-op function; calling it
raises ``TypeError`` exactly when the arguments do not bind.
"""

from __future__ import annotations

import inspect
import typing
from collections.abc import Callable
from typing import Any

__all__ = ["compile_checker", "plain_forward_refs"]


def plain_forward_refs(sig: inspect.Signature) -> inspect.Signature:
    """Show a NamedTuple's ``ForwardRef("int")`` annotations as ``int``."""
    params = list(sig.parameters.values())
    if not any(isinstance(p.annotation, typing.ForwardRef) for p in params):
        return sig
    return sig.replace(
        parameters=[
            p.replace(annotation=p.annotation.__forward_arg__)
            if isinstance(p.annotation, typing.ForwardRef)
            else p
            for p in params
        ]
    )


def compile_checker(sig: inspect.Signature | None) -> Callable[..., object] | None:
    """Compile a no-op function with ``sig``'s parameters.

    Calling it is how CPython itself checks arguments, about twenty times
    faster than ``Signature.bind``; ``bind`` only runs to explain a failure.
    """
    if sig is None:
        return None
    kinds = inspect.Parameter
    params = list(sig.parameters.values())
    parts: list[str] = []
    for param in params:
        if param.kind is kinds.VAR_POSITIONAL:
            parts.append(f"*{param.name}")
        elif param.kind is kinds.VAR_KEYWORD:
            parts.append(f"**{param.name}")
        else:
            default = "" if param.default is param.empty else "=None"
            parts.append(f"{param.name}{default}")
    order = [param.kind for param in params]
    # Keyword-only parameters follow a bare "*" unless "*args" comes first;
    # positional-only ones, always first, are followed by "/".
    if kinds.KEYWORD_ONLY in order and kinds.VAR_POSITIONAL not in order:
        parts.insert(order.index(kinds.KEYWORD_ONLY), "*")
    if kinds.POSITIONAL_ONLY in order:
        parts.insert(order.count(kinds.POSITIONAL_ONLY), "/")
    namespace: dict[str, Any] = {}
    try:
        exec(f"def check({', '.join(parts)}): pass", namespace)
    except SyntaxError:
        return sig.bind
    return namespace["check"]  # type: ignore[no-any-return]
