"""answers(): argument-aware answers, bound to the member's signature."""

from __future__ import annotations

import asyncio

import pytest

import fakes
from fakes.errors import AnswerError


class User:
    def __init__(self, user_id: int, name: str = "") -> None:
        self.user_id = user_id
        self.name = name


class UserRepo:
    async def get(self, user_id: int, *, fresh: bool = False) -> User:
        raise NotImplementedError

    async def rename(self, user_id: int, name: str) -> User:
        raise NotImplementedError

    def size(self, kind: str = "all") -> int:
        raise NotImplementedError

    async def many(self, *user_ids: int) -> list[User]:
        raise NotImplementedError


async def test_answers_computes_from_the_arguments():
    """Each await returns what the answer computes from that call's arguments."""
    repo = fakes.async_double(UserRepo)

    fakes.on(repo.get).answers(lambda user_id, *, fresh=False: User(user_id))

    assert (await repo.get(1)).user_id == 1
    assert (await repo.get(2)).user_id == 2


async def test_answers_gets_arguments_by_name_however_passed():
    """Parameters named as the member's get them by name, in any order."""
    repo = fakes.async_double(UserRepo)
    seen = []

    def answer(name, user_id):
        seen.append((user_id, name))
        return User(user_id, name)

    fakes.on(repo.rename).answers(answer)  # type: ignore[arg-type]
    await repo.rename(1, "ada")
    await repo.rename(name="grace", user_id=2)

    assert seen == [(1, "ada"), (2, "grace")]


async def test_answers_applies_the_member_defaults():
    """An argument the call leaves out arrives as the member's default."""
    repo = fakes.async_double(UserRepo)
    seen = []

    fakes.on(repo.get).answers(lambda user_id, fresh: seen.append(fresh) or User(1))  # type: ignore[arg-type]
    await repo.get(1)
    await repo.get(1, fresh=True)

    assert seen == [False, True]


async def test_answers_with_other_names_gets_arguments_in_order():
    """An answer with other parameter names gets them in the signature's order."""
    repo = fakes.async_double(UserRepo)

    repo.rename.answers(lambda uid, new_name: User(uid, new_name))

    user = await repo.rename(name="ada", user_id=3)
    assert (user.user_id, user.name) == (3, "ada")


async def test_answers_async_function_is_awaited():
    """An async def answer is awaited, and the call returns its result."""
    repo = fakes.async_double(UserRepo)

    async def load(user_id: int, *, fresh: bool = False) -> User:
        await asyncio.sleep(0)
        return User(user_id, "loaded")

    fakes.on(repo.get).answers(load)

    assert (await repo.get(5)).name == "loaded"


async def test_answers_raising_is_the_call_raising():
    """An exception from the answer is what the await raises, and is recorded."""
    repo = fakes.async_double(UserRepo)

    def missing(user_id: int, *, fresh: bool = False) -> User:
        raise KeyError(user_id)

    fakes.on(repo.get).answers(missing)

    with pytest.raises(KeyError):
        await repo.get(9)
    assert [event.kind for event in fakes.current_ledger().events()][-1] == "raised"


def test_answers_sync_member():
    """A sync member calls its answer without await."""
    repo = fakes.async_double(UserRepo)

    fakes.on(repo.size).answers(lambda kind="all": len(kind))

    assert repo.size() == 3
    assert repo.size("admins") == 6


async def test_answers_variadic_member_gets_the_arguments_as_called():
    """A member with *args passes them to the answer as they came."""
    repo = fakes.async_double(UserRepo)

    fakes.on(repo.many).answers(lambda *user_ids: [User(i) for i in user_ids])

    assert [user.user_id for user in await repo.many(1, 2)] == [1, 2]


async def test_answers_spec_less_double_gets_the_arguments_as_called():
    """Without a spec, the answer gets the call's arguments as they are."""
    double = fakes.async_double(name="double")

    double.answers(lambda *args, **kwargs: (args, kwargs))

    assert await double(1, key="k") == ((1,), {"key": "k"})


async def test_answers_is_replaced_by_returns_and_script():
    """The last configuration wins: returns() and script() replace an answer."""
    repo = fakes.async_double(UserRepo)
    user = User(1)

    fakes.on(repo.get).answers(lambda user_id, *, fresh=False: User(user_id))
    fakes.on(repo.get).returns(user)
    first = await repo.get(7)
    fakes.on(repo.get).answers(lambda user_id, *, fresh=False: User(user_id))
    fakes.on(repo.get).script(user)
    second = await repo.get(8)

    assert first is user
    assert second is user


async def test_answers_replaces_a_script_and_rules_come_first():
    """answers() replaces a script; a matching when() rule still wins."""
    repo = fakes.async_double(UserRepo)
    special = User(0, "special")

    fakes.on(repo.get).script(User(1))
    fakes.on(repo.get).answers(lambda user_id, *, fresh=False: User(user_id))
    fakes.on(repo.get).when(0).returns(special)

    assert await repo.get(0) is special
    assert (await repo.get(2)).user_id == 2
    assert (await repo.get(3)).user_id == 3


def test_answers_not_fitting_the_signature_is_refused():
    """An answer that cannot take the member's arguments fails when it is set."""
    repo = fakes.async_double(UserRepo)

    with pytest.raises(AnswerError) as caught:
        fakes.on(repo.get).answers(lambda: User(1))  # type: ignore[arg-type]

    assert str(caught.value) == (
        "UserRepo.get.answers(<lambda>) cannot be used: <lambda>() cannot take "
        "the arguments of a call of UserRepo.get(user_id: int, *, fresh: bool "
        "= False) -> User.\n"
        "Fix: give the answer the member's parameters, by name or in their "
        "order, such as lambda user_id, *, fresh=False: ... (a left-out "
        "argument arrives as its default)."
    )


def test_answers_async_function_for_sync_member_is_refused():
    """An async def answer for a sync member would hand callers a coroutine."""
    repo = fakes.async_double(UserRepo)

    async def count(kind: str = "all") -> int:
        return 1

    with pytest.raises(AnswerError) as caught:
        fakes.on(repo.size).answers(count)  # type: ignore[arg-type]

    assert str(caught.value) == (
        "UserRepo.size.answers(count) cannot be used: count is an async "
        "function, but UserRepo.size is not awaited, so its callers would get "
        "a coroutine instead of a result.\n"
        "Fix: pass a plain function."
    )


def test_answers_not_callable_is_refused():
    """A value that is not callable is refused, pointing at returns()."""
    repo = fakes.async_double(UserRepo)

    with pytest.raises(AnswerError) as caught:
        repo.get.answers(42)

    assert str(caught.value) == (
        "UserRepo.get.answers() takes a function that computes each call's "
        "result from its arguments; got 42 (int).\n"
        "Fix: pass a function or a lambda, or use returns(value) for a fixed "
        "result."
    )


def test_answers_on_object_double_is_refused():
    """A double of an object is not called: answers() names a member to use."""
    repo = fakes.async_double(UserRepo)

    with pytest.raises(fakes.errors.ProtocolMismatchError) as caught:
        repo.answers(lambda: None)

    assert str(caught.value) == (
        "UserRepo.answers() says what calls do, but UserRepo is a double of an "
        "object, which is not called.\nFix: configure one of its members instead, "
        "such as UserRepo.<member>.answers(...)."
    )
