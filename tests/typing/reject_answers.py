"""Code both type checkers must reject: answers checked against the member.

Every case ends with the error each checker must report there (see
reject_on.py). The cases are function bodies, checked but never run.
"""

from __future__ import annotations

import fakes


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


async def load_size() -> int:
    return 1


def load_by_name(name: str) -> User:
    return User(1)


repo = fakes.async_double(UserRepo)


def answer_returns_the_member_type() -> None:
    fakes.on(repo.get).answers(lambda user_id: "user")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]


def answer_takes_the_member_parameters() -> None:
    fakes.on(repo.get).answers(lambda: User(1))  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]


def answer_takes_no_extra_parameters() -> None:
    fakes.on(repo.get).answers(lambda user_id, extra: User(1))  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]


def answer_parameter_types_are_checked() -> None:
    fakes.on(repo.get).answers(load_by_name)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]


def answer_keeps_a_default_the_member_has() -> None:
    fakes.on(repo.save).answers(lambda user, *, force: None)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]


def sync_member_takes_no_async_answer() -> None:
    fakes.on(repo.size).answers(load_size)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]


def answer_is_a_callable() -> None:
    fakes.on(repo.get).answers(User(1))  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
