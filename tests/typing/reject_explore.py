"""Code both type checkers must reject: ``fakes.explore`` misused.

Every case ends with the error each checker must report there (see
reject_on.py). The cases are function bodies, checked but never run.
"""

from __future__ import annotations

import fakes


def explored_takes_the_body_arguments() -> None:
    @fakes.explore(3)
    async def scenario(count: int) -> None: ...

    scenario("two")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]


def runs_is_a_number() -> None:
    fakes.explore("3")  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue, reportArgumentType]
