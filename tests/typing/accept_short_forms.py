"""Code both type checkers must accept: spec members named like the short forms.

Checked by ``mypy`` and ``basedpyright``; run as a program by
tests/test_typing.py.
"""

from __future__ import annotations

import asyncio

from typing_extensions import assert_type

import fakes


class Scheduler:
    def __init__(self, name: str) -> None: ...

    async def when(self, event: str) -> float:
        raise NotImplementedError

    def called(self) -> list[str]:
        raise NotImplementedError


async def main() -> None:
    scheduler = fakes.async_double(Scheduler)
    scheduler_cls = fakes.async_double(Scheduler, instance=False)

    # 1. A member named when is the spec's when: awaited, typed by the spec.
    fakes.on(scheduler.when).returns(12.5)
    assert_type(await scheduler.when("backup"), float)

    # 2. A member named called is the spec's called.
    fakes.on(scheduler.called).returns(["police"])
    assert_type(scheduler.called(), list[str])

    # 3. The class double's own configuration and the stdlib flag, past them.
    fakes.on(scheduler_cls).returns(scheduler)
    assert scheduler_cls("nightly") is scheduler
    assert_type(fakes.on(scheduler_cls).called, bool)
    assert fakes.on(scheduler_cls).called


if __name__ == "__main__":
    asyncio.run(main())
