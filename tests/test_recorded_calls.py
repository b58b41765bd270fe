"""The calls a double records behave as the stdlib's ``call`` objects."""

from __future__ import annotations

from unittest.mock import AsyncMock, _Call, call

import fakes


class UserRepo:
    async def get(self, user_id: int) -> dict[str, int]: ...


async def test_recorded_calls_match_async_mock():
    """Call lists of a double equal, and print as, those of ``AsyncMock``."""
    repo = fakes.async_double(UserRepo)
    repo.get.returns({"id": 1})
    reference = AsyncMock(spec=UserRepo)
    reference.get.return_value = {"id": 1}

    for double in (repo, reference):
        await double.get(1)
        await double.get(user_id=2)

    for name in ("call_args_list", "mock_calls", "await_args_list"):
        ours = getattr(repo.get, name)
        theirs = getattr(reference.get, name)
        assert ours == theirs
        assert repr(ours) == repr(theirs)
    assert repo.mock_calls == reference.mock_calls
    assert repo.method_calls == reference.method_calls
    assert repr(repo.mock_calls) == repr(reference.mock_calls)
    assert repo.mock_calls == [call.get(1), call.get(user_id=2)]


async def test_recorded_calls_are_stdlib_calls():
    """A recorded call is a ``_Call`` with args, kwargs and the stdlib's state."""
    fetch = fakes.async_double(name="fetch")

    await fetch(1, key="x")

    recorded = fetch.call_args
    assert isinstance(recorded, _Call)
    assert (recorded.args, recorded.kwargs) == ((1,), {"key": "x"})
    assert (recorded._mock_name, recorded._mock_parent) == (None, None)
    assert recorded._mock_from_kall is True
    assert recorded == call(1, key="x")
    assert call(1, key="x") == recorded
    assert recorded != call(2)


async def test_recorded_calls_of_nested_doubles_keep_full_names():
    """Calls of a child of a child are named with the whole path, as the stdlib."""
    parent = fakes.async_double(name="parent")
    reference = AsyncMock(name="parent")

    for double in (parent, reference):
        await double.child.fetch(1)

    assert parent.mock_calls == reference.mock_calls
    assert parent.method_calls == reference.method_calls
    assert repr(parent.method_calls) == repr(reference.method_calls)
    assert repr(parent.child.mock_calls) == repr(reference.child.mock_calls)
