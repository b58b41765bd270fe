"""Code both type checkers must reject: ``fakes.on`` checks against the spec.

Every case ends with the error each checker must report there: a
``# type: ignore[<code>]`` for mypy (``warn_unused_ignores`` fails the run
if the error goes away) and a ``# pyright: ignore[<rule>]`` for basedpyright
(``reportUnnecessaryTypeIgnoreComment`` does the same). The cases are
function bodies, checked but never run.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

import fakes


class Call:
    def __await__(self) -> Generator[Any, None, int]:
        raise NotImplementedError
        yield


class User:
    def __init__(self, user_id: int) -> None:
        self.user_id = user_id


class UserRepo:
    async def get(self, user_id: int) -> User:
        raise NotImplementedError

    async def save(self, user: User, *, force: bool = False) -> None:
        raise NotImplementedError

    def size(self) -> int:
        raise NotImplementedError


async def fetch_user(user_id: int) -> User:
    raise NotImplementedError


repo = fakes.async_double(UserRepo)


def returns_checks_the_awaited_type() -> None:
    fakes.on(repo.get).returns("user 1")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]


def returns_wants_the_value_not_an_awaitable() -> None:
    fakes.on(repo.get).returns(fetch_user(1))  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]


def returns_none_where_the_spec_never_returns_none() -> None:
    fakes.on(repo.get).returns(None)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]


def raises_wants_an_exception() -> None:
    fakes.on(repo.get).raises("not found")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]


def when_checks_argument_types() -> None:
    fakes.on(repo.get).when("1")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]


def when_checks_the_number_of_arguments() -> None:
    fakes.on(repo.get).when(1, 2)  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]


def when_checks_keyword_names() -> None:
    fakes.on(repo.get).when(uid=1)  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]


def when_checks_keyword_only_parameters() -> None:
    fakes.on(repo.save).when(User(1), True)  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]


def rule_outcome_checks_the_return_type() -> None:
    fakes.on(repo.get).when(1).returns(1)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]


def sync_member_returns_its_own_type() -> None:
    fakes.on(repo.size).returns("3")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]


def sync_member_has_no_await_assertions() -> None:
    fakes.on(repo.size).assert_awaited()  # type: ignore[attr-defined]  # pyright: ignore[reportAttributeAccessIssue]


def assertion_arguments_are_checked() -> None:
    fakes.on(repo.get).assert_awaited_once_with(user="1")  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]


def function_double_returns_its_own_type() -> None:
    fetch = fakes.async_double(fetch_user)
    fakes.on(fetch).returns({"id": 1})  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]


def on_wants_a_member_not_the_object() -> None:
    fakes.on(repo)  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue, reportArgumentType]


def on_wants_a_callable() -> None:
    fakes.on(42)  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue, reportArgumentType]


def awaitable_double_takes_its_awaited_type() -> None:
    call = fakes.async_double(Call)
    fakes.on(call).returns("text")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
