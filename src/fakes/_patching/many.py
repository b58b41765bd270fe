"""Several patches entered together: all are installed, or none.

What :meth:`fakes.patch_async.many` returns: a context manager (sync or
async) giving a tuple of what each patch installed, and a decorator passing
each double as a separate argument.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from fakes import _render
from fakes._patching.patcher import Patch
from fakes._patching.registry import Active, install, restore
from fakes.errors import PatchOrderError

__all__ = ["PatchMany"]

F = TypeVar("F", bound=Callable[..., Any])


class PatchMany:
    """Several patches entered together: all are installed, or none.

    As a context manager it gives a tuple of what each patch installed, in the
    order given; as a decorator each double is a separate argument.
    """

    def __init__(self, patches: list[Patch[Any]]) -> None:
        self._patches = patches
        self._entered: list[list[Active]] = []

    def start(self) -> tuple[Any, ...]:
        """Install every patch and return what each installed.

        Returns:
            The doubles (or ``new`` objects), in the order of the patches.
        """
        plans = [patch._prepare() for patch in self._patches]
        actives: list[Active] = []
        try:
            for plan in plans:
                actives.append(install(plan))
        except BaseException:
            for active in reversed(actives):
                restore(active)
            raise
        self._entered.append(actives)
        return tuple(active.plan.installed for active in actives)

    def stop(self) -> None:
        """Restore every patch of the last ``start()``, last installed first.

        Raises:
            PatchOrderError: Not active, or exited out of order (every target
                is restored anyway).
        """
        if not self._entered:
            raise PatchOrderError(_render.patch_not_active("patch_async.many(...)"))
        problem: PatchOrderError | None = None
        for active in reversed(self._entered.pop()):
            try:
                restore(active)
            except PatchOrderError as error:
                problem = problem or error
        if problem is not None:
            raise problem

    def __enter__(self) -> tuple[Any, ...]:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    async def __aenter__(self) -> tuple[Any, ...]:
        return self.start()

    async def __aexit__(self, *exc_info: object) -> None:
        self.stop()

    def __call__(self, func: F) -> F:
        """Decorate a test: each double is a separate argument, in order."""
        for patch in self._patches:
            func = patch(func)
        return func
