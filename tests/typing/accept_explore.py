"""Code both type checkers must accept: ``fakes.explore`` keeps the signature.

Checked by ``mypy`` and ``basedpyright``; run as a program by
tests/test_typing.py.
"""

from __future__ import annotations

import asyncio

from typing_extensions import assert_type

import fakes


def main() -> None:
    # 1. Without parentheses, the explored function returns a report.
    @fakes.explore
    async def plain() -> None:
        await fakes.async_double(name="fetch")()

    assert_type(plain(), fakes.ExploreReport)

    # 2. With options, the explored function keeps the body's parameters.
    @fakes.explore(3, seed=1, strategy="random")
    async def with_argument(count: int) -> None:
        fetch = fakes.async_double(name="fetch")
        await asyncio.gather(*(fetch(i) for i in range(count)))

    report = with_argument(2)
    assert_type(report.runs, int)
    assert report.runs == 3


if __name__ == "__main__":
    main()
