"""The patches installed right now: installing, restoring, and the registry.

Active patches are kept on one stack per target, first installed first, which
is how a repeated patch finds the real object to spec from and how an exit out
of order is detected. Every installed patch also gets an order number, so the
pytest plugin can undo whatever a test left installed.
"""

from __future__ import annotations

import contextlib
import threading
from typing import Any, NamedTuple

from fakes import _render
from fakes._patching.target import Target
from fakes.errors import PatchOrderError

__all__ = [
    "MISSING",
    "Active",
    "Plan",
    "first_active",
    "install",
    "patch_mark",
    "restore",
    "undo_patches_since",
]

#: Stands for an attribute that does not exist (``create=True``).
MISSING: Any = object()


class Plan(NamedTuple):
    """A patch ready to install: everything resolved, built and checked."""

    target: Target
    real: Any
    raw: Any
    installed: Any


class Active:
    """One installed patch: what to put back, and where."""

    __slots__ = ("created", "key", "local", "order", "plan", "saved")

    def __init__(self, plan: Plan, local: bool, saved: Any, order: int) -> None:
        self.order = order
        self.plan = plan
        self.key = (id(plan.target.owner), plan.target.attribute)
        self.local = local
        self.saved = saved
        self.created = saved is MISSING


# Active patches by (id(owner), attribute), first installed first. An active
# patch holds its owner, so an id cannot be reused while it is a key here.
_active: dict[tuple[int, str], list[Active]] = {}
_lock = threading.Lock()
# How many patches were ever installed: the order of the next one.
_installed = [0]


def patch_mark() -> int:
    """A mark of "now": patches installed later have an order at least this."""
    with _lock:
        return _installed[0]


def undo_patches_since(mark: int) -> None:
    """Restore, newest first, every patch installed since ``mark`` and still on.

    The pytest plugin calls it at teardown, so that a test that started a
    patch and never stopped it leaves nothing patched behind.
    """
    with _lock:
        left = [active for stack in _active.values() for active in stack]
    left = sorted(
        (active for active in left if active.order >= mark),
        key=lambda active: active.order,
        reverse=True,
    )
    for active in left:
        restore(active)


def first_active(owner: Any, attribute: str) -> Active | None:
    """The earliest patch of ``owner.attribute`` still installed, if any."""
    with _lock:
        stack = _active.get((id(owner), attribute))
        return stack[0] if stack else None


def _own_dict(owner: Any) -> Any:
    try:
        return vars(owner)
    except TypeError:
        return None


def install(plan: Plan) -> Active:
    """Put ``plan.installed`` in place and register it as active."""
    owner, attribute = plan.target.owner, plan.target.attribute
    own = _own_dict(owner)
    local = own is not None and attribute in own
    # What to put back: the raw object when the owner holds it itself (a
    # classmethod, say), else the current value, for owners without a dict.
    saved = (
        own[attribute]
        if own is not None and local
        else getattr(owner, attribute, MISSING)
    )
    setattr(owner, attribute, plan.installed)
    with _lock:
        active = Active(plan, local, saved, _installed[0])
        _installed[0] += 1
        _active.setdefault(active.key, []).append(active)
    return active


def restore(active: Active) -> None:
    """Put back what ``active`` replaced; complain when later patches are active.

    Raises:
        PatchOrderError: A later patch of the same target was still active
            (it is dropped, and the target is restored anyway).
    """
    with _lock:
        stack = _active.get(active.key, [])
        index = next((i for i, item in enumerate(stack) if item is active), None)
        if index is None:
            return  # Unwound already by an earlier patch that exited out of order.
        later = len(stack) - 1 - index
        del stack[index:]
        if not stack:
            del _active[active.key]
    owner, attribute = active.plan.target.owner, active.plan.target.attribute
    if active.local:
        setattr(owner, attribute, active.saved)
    else:
        with contextlib.suppress(AttributeError):
            delattr(owner, attribute)
        if not active.created and not hasattr(owner, attribute):
            setattr(owner, attribute, active.saved)
    if later:
        raise PatchOrderError(
            _render.patch_out_of_order(active.plan.target.label, later)
        )
