"""Messages for awaiting a double that its spec says is not awaitable.

Each names the double by its path and the spec member it stands for, says
why the await fails and ends with the fix, in place of Python's bare
``object SyncDouble can't be used in 'await' expression``.
"""

from __future__ import annotations

from ._text import with_article

# How a member of each kind is used, for a double of it awaited uncalled:
# (what it is, how it is used, the fix given the double's name).
_USES = {
    "sync": (
        "sync {noun}{where} (a plain 'def')",
        "it is called, not awaited",
        "call it without 'await': {label}(...)",
    ),
    "async": (
        "async {noun}{where}",
        "its call is what is awaited",
        "call it: await {label}(...)",
    ),
    "async context manager": (
        "{noun}{where} returning an async context manager",
        "its call is entered, not awaited",
        "enter its call instead: async with {label}(...) as value",
    ),
    "async generator": (
        "async generator {noun}{where}",
        "its call is iterated, not awaited",
        "iterate its call instead: async for item in {label}(...)",
    ),
}


def awaited_member(label: str, spec_name: str, kind: str, method: bool) -> str:
    """The double ``label`` of a member (or function) of kind ``kind``, uncalled."""
    what, use, fix = _USES.get(kind, _USES["sync"])
    if method:
        what = what.format(noun="method", where=" of the spec")
    else:
        what = what.format(noun="function", where="")
    member = "" if spec_name == label else f"{spec_name}, "
    return (
        f"{label} was awaited, but it is {member}{with_article(what)}: {use}.\n"
        f"Fix: {fix.format(label=label)}."
    )


def awaited_spec_less(label: str, is_async: bool) -> str:
    """A spec-less ``AsyncDouble`` (``is_async``) or ``SyncDouble`` awaited."""
    if is_async:
        return (
            f"{label} was awaited, but it is an AsyncDouble without a spec, "
            "which stands in for an async function (as an AsyncMock does): its "
            "call is what is awaited.\n"
            f"Fix: call it: await {label}(...)."
        )
    return (
        f"{label} was awaited, but it is a SyncDouble without a spec, which "
        "is no more awaitable than a MagicMock.\n"
        f"Fix: call it without 'await' ({label}(...)), or make it a "
        "fakes.AsyncDouble (or a fakes.async_double() of an async function) "
        "and await its call."
    )


def awaited_object(
    label: str,
    cls_name: str,
    member: str | None,
    result: bool,
    example: str | None,
) -> str:
    """A double of an object whose class has no ``__await__``.

    ``member`` is the spec member it stands for: the attribute itself
    (``C.session``), or with ``result`` the member whose call or entry gave
    it (``C.make``); ``example`` is one of its async methods, when it has any.
    """
    what = with_article(f"{cls_name} object")
    if member is not None:
        source = f"what {member} gives" if result else member
        what = f"{source}, {what}"
    instead = ""
    if example is not None:
        instead = (
            ", or await a call of one of its async methods "
            f"(await {label}.{example}(...))"
        )
    return (
        f"{label} was awaited, but it stands in for {what}, and {cls_name} has "
        "no __await__: a double is awaitable only where its spec is.\n"
        f"Fix: remove the 'await'{instead}; if {cls_name} objects are "
        f"awaitable, add __await__ to {cls_name}."
    )


def awaited_class(label: str, cls_name: str) -> str:
    """A double of a class itself (not of its instances) awaited."""
    return (
        f"{label} was awaited, but it stands in for the class {cls_name} "
        "itself, which is not awaitable.\n"
        f"Fix: remove the 'await' (a call, {label}(...), gives an instance "
        "double)."
    )


def awaited_context(label: str, member: bool) -> str:
    """An async context manager double (a member's, when ``member``) awaited."""
    if member:
        return (
            f"{label}(...) was awaited, but it gives an async context manager: "
            "it is entered, not awaited.\n"
            f"Fix: enter it instead: async with {label}(...) as value."
        )
    return (
        f"{label} was awaited, but it is an async context manager double: it "
        "is entered, not awaited.\n"
        f"Fix: enter it instead: async with {label} as value."
    )


def awaited_iterator(label: str) -> str:
    """An async iterator double awaited."""
    return (
        f"{label} was awaited, but it is an async iterator: it is iterated, not "
        "awaited.\n"
        f"Fix: iterate it instead: async for item in {label}."
    )


def awaited_sync_member(label: str, spec_name: str) -> str:
    """The result of the sync member ``label`` (``spec_name``) was awaited."""
    member = "" if spec_name == label else f"{spec_name}, "
    return (
        f"{label}() was awaited, but {label} is {member}a sync member of the "
        "spec (a plain 'def', not annotated as returning an awaitable), so its "
        "result cannot be awaited.\n"
        f"Fix: call it without 'await', or make {spec_name} 'async def' in the "
        "spec (or annotate it as returning Awaitable[...])."
    )


def awaited_value(name: str) -> str:
    """A data attribute or plain property of a spec was awaited."""
    return (
        f"{name} was awaited, but it is a value of the spec (an attribute or a "
        "property, neither async nor annotated as awaitable), so it cannot be "
        "awaited.\n"
        "Fix: remove the 'await', or annotate it in the spec with the class it "
        "holds (an async property, or a class with async members to call)."
    )


def awaited_unknown(
    name: str, anchor: str, is_value: bool, annotation: str | None = None
) -> str:
    """A double below a value (or result) of no known class was awaited.

    ``annotation`` names the class the value's attribute is annotated with,
    when it is one whose members are plain data (``dict``, ``float``).
    """
    attribute = anchor.rpartition(".")[2]
    if is_value and annotation is not None:
        why = (
            f"{anchor} is an attribute of the spec annotated as {annotation}, "
            f"and the members of {annotation} are not async"
        )
        fix = (
            f"remove the 'await', or annotate {attribute} in the spec with a "
            "class whose members are async"
        )
    elif is_value:
        why = (
            f"{anchor} is an attribute of the spec whose class is not "
            "annotated, so its members are not known to be async"
        )
        fix = (
            f"annotate {attribute} with its class in the spec "
            "(on the class, even when the spec is an instance)"
        )
    else:
        why = (
            f"it comes from what {anchor} gives, and {anchor} is not annotated "
            "with a class, so nothing in it is known to be awaitable"
        )
        fix = f"configure what {anchor} gives ({anchor}.returns(...))"
    return f"{name} was awaited, but {why}.\nFix: {fix}."
