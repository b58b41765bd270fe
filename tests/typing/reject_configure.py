"""Code both type checkers must reject: scripts, gates, yields and enters.

Every case ends with the error each checker must report there: a
``# type: ignore[<code>]`` for mypy (``warn_unused_ignores`` fails the run
if the error goes away) and a ``# pyright: ignore[<rule>]`` for basedpyright
(``reportUnnecessaryTypeIgnoreComment`` does the same). The cases are
function bodies, checked but never run.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import fakes


class User:
    def __init__(self, user_id: int) -> None:
        self.user_id = user_id


class Session:
    pass


class Connection:
    async def __aenter__(self) -> Session:
        raise NotImplementedError

    async def __aexit__(self, *exc_info: object) -> None:
        raise NotImplementedError


class Ticker:
    def __aiter__(self) -> AsyncIterator[int]:
        raise NotImplementedError


class UserRepo:
    async def get(self, user_id: int) -> User:
        raise NotImplementedError

    def size(self) -> int:
        raise NotImplementedError

    async def stream(self) -> AsyncIterator[User]:
        yield User(0)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Session]:
        yield Session()


repo = fakes.async_double(UserRepo)


def script_checks_values() -> None:
    fakes.on(repo.get).script(User(1), "user 2")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]


def script_checks_what_a_delay_gives() -> None:
    fakes.on(repo.get).script(fakes.delay(1, "late"))  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]


def script_delay_without_a_step_gives_none() -> None:
    fakes.on(repo.get).script(fakes.delay(1))  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]


def sync_script_cannot_wait() -> None:
    fakes.on(repo.size).script(fakes.hang())  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]


def sync_member_has_no_gate() -> None:
    fakes.on(repo.size).gate()  # type: ignore[attr-defined]  # pyright: ignore[reportAttributeAccessIssue]


def gate_is_not_a_value() -> User:
    return fakes.on(repo.get).gate()  # type: ignore[return-value]  # pyright: ignore[reportReturnType]


def yields_checks_items() -> None:
    fakes.on(repo.stream).yields(User(1), 2)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]


def yields_raises_wants_an_exception() -> None:
    fakes.on(repo.stream).yields(raises="boom")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]


def awaited_member_has_no_yields() -> None:
    fakes.on(repo.get).yields(User(1))  # type: ignore[attr-defined]  # pyright: ignore[reportAttributeAccessIssue]


def enters_checks_the_entered_type() -> None:
    fakes.on(repo.transaction).enters(User(1))  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]


def awaited_member_has_no_enters() -> None:
    fakes.on(repo.get).enters(Session())  # type: ignore[attr-defined]  # pyright: ignore[reportAttributeAccessIssue]


def context_double_enters_its_type() -> None:
    fakes.on(fakes.async_double(Connection)).enters(User(1))  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]


def iterable_double_yields_its_type() -> None:
    fakes.on(fakes.async_double(Ticker)).yields("one")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]


def iterable_double_has_no_enters() -> None:
    fakes.on(fakes.async_double(Ticker)).enters(1)  # type: ignore[attr-defined]  # pyright: ignore[reportAttributeAccessIssue]


def rule_script_checks_values() -> None:
    fakes.on(repo.get).when(1).script("user")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
