"""Messages about doubles and their specs: names, members, signatures."""

from __future__ import annotations

import inspect
from collections.abc import Sequence
from typing import Any

from ._text import did_you_mean, format_call, format_signature, safe_repr


def signature_mismatch(
    label: str,
    spec_name: str,
    sig: inspect.Signature,
    args: Sequence[Any],
    kwargs: dict[str, Any],
    error: Exception,
) -> str:
    """A call of the double ``label`` that does not bind to the spec's signature."""
    return (
        f"{format_call(label, args, kwargs)} does not match the signature "
        f"{format_signature(spec_name, sig)}: {error}"
    )


def unknown_attribute(
    label: str, spec_name: str, name: str, suggestions: list[str]
) -> str:
    """An attribute of the double ``label`` that its spec does not have."""
    return (
        f"{label} has no attribute {name!r}.{did_you_mean(suggestions)} A "
        f"double has only the members of its spec: add {name!r} to {spec_name}, "
        "or set it on the double before using it."
    )


def shared_class_attribute(class_name: str, name: str) -> str:
    """An attribute set on the class that member doubles share."""
    return (
        f"cannot set {name!r} on this {class_name}'s class: member doubles share "
        f"it, so {name!r} would reach all of them. Set it on the double itself, "
        "or give the double a class of its own by creating it with "
        "fakes.async_double() (a root double's class is its own)."
    )


def deleted_attribute(label: str, name: str) -> str:
    """An attribute that was deleted from the double ``label``."""
    return f"{label}.{name} was deleted from the double; set it again to use it."


def bad_spec(value: Any) -> str:
    """Something that cannot be a spec."""
    return (
        f"async_double() cannot use {safe_repr(value)} ({type(value).__name__}) "
        "as a spec: pass an async function, a function, a class or an instance "
        "of a class, or only name=... for a double without a spec."
    )


def returns_arity(name: str, count: int) -> str:
    """``returns()`` with other than one value."""
    return (
        f"{name}.returns() takes exactly one value, got {count}: pass a tuple "
        "to return a tuple, or use script() to return one value per call."
    )


def raises_not_exception(name: str, value: Any) -> str:
    """``raises()`` with something that is not an exception."""
    return (
        f"{name}.raises() takes an exception instance or class, got "
        f"{safe_repr(value)}; to return the value use returns()."
    )


def not_callable(name: str, method: str) -> str:
    """``script()`` or ``when()`` on a double that is never called."""
    return (
        f"{name}.{method}() says what calls do, but {name} is a double of an "
        f"object, which is not called.\nFix: configure one of its members instead, "
        f"such as {name}.<member>.{method}(...)."
    )


def double_bad_name(value: Any) -> str:
    """``async_double(name=...)`` with something that is not a string."""
    return name_not_str("fakes.async_double", value, "to use the spec's qualified name")


def name_not_str(function: str, value: Any, default: str) -> str:
    """A ``name=`` argument that is not a string."""
    return (
        f"{function}(name=...) takes a str, the name shown in the "
        f"ledger and in messages; got {safe_repr(value)} "
        f"({type(value).__name__}).\n"
        f'Fix: pass a string such as name="repo", or leave name out {default}.'
    )


def wraps_not_callable(
    label: str, spec_name: str, value: Any, *, instance: bool = False
) -> str:
    """``async_double(spec, wraps=...)`` of a callable spec with a non-callable.

    ``instance``: the spec is an object whose class defines ``__call__``.
    """
    fix = f"an instance of {spec_name}" if instance else f"wraps={spec_name}"
    return (
        f"fakes.async_double(wraps=...) of {label} takes the real callable "
        f"that calls of {label} pass through to, but got {safe_repr(value)} "
        f"({type(value).__name__}), which cannot be called.\nFix: pass {fix}, "
        "or leave wraps= out."
    )


def wraps_without_members(
    label: str, spec_name: str, value: Any, members: Sequence[str]
) -> str:
    """``async_double(cls, wraps=...)`` with an object that has none of the members."""
    shown = ", ".join(members[:5]) + (", ..." if len(members) > 5 else "")
    return (
        f"fakes.async_double(wraps=...) of {label} takes the real object whose "
        f"members the double's members pass calls to, but got "
        f"{safe_repr(value)} ({type(value).__name__}), which has none of "
        f"{spec_name}'s members ({shown}).\nFix: pass an instance of "
        f"{spec_name}, such as wraps={spec_name}(...), or leave wraps= out."
    )
