"""Code both type checkers must accept: patch_async's keywords from mock.patch.

Checked by ``mypy`` and ``basedpyright``; run as a program by
tests/test_typing.py.
"""

from __future__ import annotations

import asyncio
import sys

from typing_extensions import assert_type

import fakes


async def fetch_user(user_id: int) -> dict[str, int]:
    raise NotImplementedError


async def main() -> None:
    module = sys.modules[__name__]

    # 1. new_callable= gives the patch the type of what it makes.
    with fakes.patch_async.object(
        module, "fetch_user", new_callable=fakes.AsyncDouble
    ) as made:
        assert_type(made, fakes.AsyncDouble)

    # 2. return_value= takes any value, side_effect= a function.
    with fakes.patch_async.object(module, "fetch_user", return_value={"id": 1}):
        assert await fetch_user(1) == {"id": 1}
    with fakes.patch_async.object(
        module, "fetch_user", side_effect=lambda user_id: {"id": user_id}
    ):
        assert await fetch_user(2) == {"id": 2}

    # 3. side_effect= an exception class, or values in turn.
    with fakes.patch_async.object(module, "fetch_user", side_effect=[{"id": 3}]):
        assert await fetch_user(3) == {"id": 3}
    with fakes.patch_async.object(module, "fetch_user", side_effect=KeyError):
        failed = False
        try:
            await fetch_user(4)
        except KeyError:
            failed = True
        assert failed


if __name__ == "__main__":
    asyncio.run(main())
