"""Code both type checkers must accept: the drop-in classes.

``fakes.AsyncDouble`` and ``fakes.SyncDouble`` stand where ``AsyncMock`` and
``MagicMock`` stood, with the same arguments, and add the short forms.
Checked by ``mypy`` and ``basedpyright``; run as a program by
tests/test_typing.py.
"""

from __future__ import annotations

import asyncio
from typing import Any
from unittest import mock

from typing_extensions import assert_type

import fakes


async def fetch_user(user_id: int) -> dict[str, int]:
    raise NotImplementedError


async def main() -> None:
    # 1. Built like an AsyncMock, typed as the class.
    fetch = fakes.AsyncDouble(return_value={"id": 1})
    assert_type(fetch, fakes.AsyncDouble)
    assert await fetch(1) == {"id": 1}
    fetch.assert_awaited_once_with(1)

    # 2. spec=, side_effect= and name= are the stdlib's arguments.
    spec_d = fakes.AsyncDouble(spec=fetch_user, side_effect=[{"id": 2}], name="f")
    assert await spec_d(user_id=2) == {"id": 2}

    # 3. The short forms return the double itself.
    assert_type(fakes.AsyncDouble().returns(3), fakes.AsyncDouble)
    assert_type(fakes.SyncDouble().raises(KeyError), fakes.SyncDouble)

    # 4. It passes where an AsyncMock or a MagicMock is expected.
    as_mock: mock.AsyncMock = fakes.AsyncDouble()
    as_magic: mock.MagicMock = fakes.SyncDouble(return_value=1)
    assert as_magic() == 1
    assert isinstance(as_mock, mock.AsyncMock)

    # 5. new_callable= of mock.patch takes the class.
    with mock.patch(f"{__name__}.fetch_user", new_callable=fakes.AsyncDouble) as p:
        await fetch_user(3)
    patched: Any = p
    patched.assert_awaited_once_with(3)

    # 6. A double built by async_double is an instance of the class.
    free: Any = fakes.async_double(name="free")
    assert isinstance(free, fakes.AsyncDouble)


if __name__ == "__main__":
    asyncio.run(main())
