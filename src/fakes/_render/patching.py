"""Messages of ``patch_async`` and its relatives."""

from __future__ import annotations

import inspect
from collections.abc import Sequence
from types import ModuleType
from typing import Any

from ._text import did_you_mean, safe_repr


def patch_malformed_target(target: Any) -> str:
    """A target that is not a dotted ``'module.attribute'`` string."""
    return (
        f"patch_async() needs a target of the form 'package.module.attribute', "
        f"got {safe_repr(target)}: name the module that the code under test "
        "looks the attribute up in, or use patch_async.object(obj, 'attribute')."
    )


def patch_attribute_not_str(owner: Any, attribute: Any) -> str:
    """``patch_async.object(obj, attribute)`` with an attribute that is not a name."""
    display, _ = patch_object_forms(owner, "attribute")
    name = getattr(attribute, "__name__", None)
    example = (
        display
        if not isinstance(name, str)
        else display.replace("'attribute'", repr(name))
    )
    return (
        f"patch_async.object() takes the attribute's name as a str, got "
        f"{safe_repr(attribute)} ({type(attribute).__name__}).\nFix: name it, "
        f"as in {example}."
    )


def patch_import_failed(display: str, module: str, error: BaseException) -> str:
    """The module of a target raised while being imported."""
    return (
        f"{display} cannot import the module {module!r}: "
        f"{type(error).__name__}: {error}. Fix that import error, or correct "
        "the module part of the target."
    )


def patch_missing_attribute(
    display: str, owner: str, name: str, suggestions: Sequence[str], *, last: bool
) -> str:
    """A target attribute (the last one when ``last``) that does not exist."""
    fix = "Correct the target"
    if last:
        fix += ", or pass create=True to add the attribute while the patch is active"
    return (
        f"{display} found no attribute {name!r} on the {owner}."
        f"{did_you_mean(suggestions)} {fix}."
    )


def patch_not_async(
    display: str, what: str, mock_call: str, *, callable_: bool = False
) -> str:
    """A target that is neither async nor has async members.

    A callable may be a sync factory of something async (``asyncpg.create_pool``
    is awaited, ``aiofiles.open`` entered): the message names ``factory=True``.
    """
    if callable_:
        return (
            f"{display} cannot patch {what}: it is not async and has no async "
            "members. If its result is awaited or entered with async with (a "
            "factory, as asyncpg.create_pool is), pass factory=True; for sync "
            f"code use {mock_call}, or pass new= to install an object of your "
            "own."
        )
    return (
        f"{display} cannot patch {what}: it is not async and has no async "
        f"members. Use {mock_call} for sync code, or pass new= to install an "
        "object of your own."
    )


def patch_factory_conflict(display: str, other: str) -> str:
    """``factory=True`` with an option that installs no spec'd double."""
    return patch_conflicting_options(
        display,
        f"factory=True and {other}",
        "factory=True builds a spec'd double of the factory; drop the other option",
    )


def patch_factory_not_sync_function(display: str, what: str, *, is_async: bool) -> str:
    """``factory=True`` given for something that is not a sync callable."""
    if is_async:
        why = (
            "it is async already, and its double is awaited as it is. "
            "Fix: drop factory=True."
        )
    else:
        why = (
            "factory=True takes a sync function whose result is awaited or "
            "entered. Fix: drop factory=True; a class double's calls give "
            "instance doubles, which are awaited or entered as the class says."
        )
    return f"{display} cannot patch {what} as a factory: {why}"


def patch_conflicting_options(display: str, given: str, fix: str) -> str:
    """Options of a patch that cannot be used together."""
    return f"{display} was given {given}, which cannot be combined: {fix}."


def _options(names: Sequence[str]) -> str:
    *rest, last = names
    return f"{', '.join(rest)} and {last}" if rest else last


def patch_new_with_configuration(display: str, options: Sequence[str]) -> str:
    """``new=`` with ``return_value=``, ``side_effect=`` or ``new_callable=``."""
    return patch_conflicting_options(
        display,
        _options(["new=", *options]),
        "new= installs the given object as it is; configure that object "
        "instead, or drop new= to get a double",
    )


def patch_new_callable_with(display: str, other: str) -> str:
    """``new_callable=`` with an option that says how to build a double."""
    return patch_conflicting_options(
        display,
        f"new_callable= and {other}",
        f"new_callable= makes the object to install; {other} says how to build "
        "a double, so drop one of them",
    )


def patch_new_with(display: str, other: str) -> str:
    """``new=`` with ``spec=`` or ``autospec=False``."""
    return patch_conflicting_options(
        display,
        f"new= and {other}",
        "new= installs the given object as it is; drop the other option",
    )


def patch_spec_without_autospec(display: str) -> str:
    """``spec=`` with ``autospec=False``."""
    return patch_conflicting_options(
        display,
        "spec= and autospec=False",
        "spec= builds a spec'd double; drop autospec=False",
    )


def patch_forms(target: str) -> tuple[str, str]:
    """How ``patch_async(target)`` and its ``mock.patch`` twin are written."""
    return (
        f"patch_async({target!r})",
        f"unittest.mock.patch({target!r}, autospec=True)",
    )


def patch_object_forms(owner: Any, attribute: str) -> tuple[str, str]:
    """How ``patch_async.object(...)`` and its ``mock.patch`` twin are written."""
    if isinstance(owner, ModuleType):
        written = owner.__name__
    elif isinstance(owner, type):
        written = owner.__qualname__
    else:
        written = f"<{type(owner).__qualname__} object>"
    args = f"{written}, {attribute!r}"
    return (
        f"patch_async.object({args})",
        f"unittest.mock.patch.object({args}, autospec=True)",
    )


def patch_owner(owner: Any) -> str:
    """The object a target attribute is looked up on, for a message."""
    if isinstance(owner, ModuleType):
        return f"module {owner.__name__!r}"
    if isinstance(owner, type):
        return f"class {owner.__qualname__!r} of the module {owner.__module__!r}"
    return f"{type(owner).__qualname__} object"


def patch_source(value: Any) -> str:
    """What a patch would double, for the message that says it is not async."""
    if isinstance(value, type):
        return f"the class {value.__module__}.{value.__qualname__}"
    if isinstance(value, ModuleType):
        return f"the module {value.__name__}"
    name = getattr(value, "__qualname__", None)
    if name and inspect.isroutine(value):
        module = getattr(value, "__module__", None)
        return f"the function {module}.{name}" if module else f"the function {name}"
    return f"{safe_repr(value)} ({type(value).__name__})"


def patch_new_callable_not_callable(display: str, value: Any) -> str:
    """``new_callable=`` that cannot be called."""
    return (
        f"{display} was given new_callable={safe_repr(value)} "
        f"({type(value).__name__}), which cannot be called: pass a class or a "
        "function that makes the object to install, such as "
        "new_callable=fakes.AsyncDouble, or new= for the object itself."
    )


def patch_bad_side_effect(display: str, value: Any) -> str:
    """``side_effect=`` that a mock could not use when called."""
    return (
        f"{display} was given side_effect={safe_repr(value)} "
        f"({type(value).__name__}), which is neither a function, an exception "
        "nor an iterable of results.\nFix: pass return_value= for one result "
        "every time, side_effect=[...] for one result per call, or an "
        "exception to raise."
    )


def patch_option_needs_callable(display: str, options: Sequence[str], name: str) -> str:
    """``return_value=``/``side_effect=`` for a target whose double is not called."""
    option = " and ".join(f"{name}=" for name in options)
    return (
        f"{display} was given {option}, but its double {name} is a double of "
        "an object, which is not called. Fix: drop the option and configure "
        "the members of the double it gives you, as in "
        f"double.<member>.returns(...)."
    )


def patch_out_of_order(label: str, later: int) -> str:
    """A patch exited while later patches of the same target were active."""
    plural = "patch" if later == 1 else "patches"
    return (
        f"the patch of {label} exited before {later} later {plural} of the same "
        "target: patches must exit in the reverse order of entering. "
        f"{label} is restored to what it was before this patch, and the later "
        f"{plural} will restore nothing. Nest the with blocks (or use "
        "patch_async.many) so that the last patch entered exits first."
    )


def patch_shared_target(target: str, module: str, prefix: str, first: str) -> str:
    """A target reached through a module that every module shares."""
    return (
        f"patch_async({target!r}) replaces {first!r} on the module {module!r}, "
        f"which every module shares: code outside {prefix} sees the double too. "
        f"To patch it for {prefix} alone, patch '{prefix}.{first}' after "
        f"`from {module} import {first}` in {prefix}, or use "
        f"patch_async.object on the object that {prefix} uses."
    )


def patch_not_decoratable(value: Any) -> str:
    """``patch_async(...)`` applied as a decorator to something else."""
    return (
        f"patch_async can decorate a function, a coroutine function or a class, "
        f"got {safe_repr(value)} ({type(value).__name__}): use it as a context "
        "manager instead (with / async with)."
    )


def patch_many_item(value: Any) -> str:
    """An item of ``patch_async.many`` that is neither a target nor a patch."""
    return (
        f"patch_async.many() takes target strings and patch_async(...) or "
        f"patch_async.object(...) patches, got {safe_repr(value)} "
        f"({type(value).__name__})."
    )


def patch_not_active(display: str) -> str:
    """``stop()`` on a patch that is not active."""
    return (
        f"{display}.stop() was called, but the patch is not active: call start() first."
    )
