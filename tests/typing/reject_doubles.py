"""Code both type checkers must reject: doubles are typed as their spec.

Every case ends with the error each checker must report there: a
``# type: ignore[<code>]`` for mypy (``warn_unused_ignores`` fails the run
if the error goes away) and a ``# pyright: ignore[<rule>]`` for basedpyright
(``reportUnnecessaryTypeIgnoreComment`` does the same). The cases are
function bodies, checked but never run.
"""

from __future__ import annotations

import fakes


class User:
    def __init__(self, user_id: int) -> None:
        self.user_id = user_id


class UserRepo:
    async def get(self, user_id: int) -> User:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError


class Mailer:
    async def send(self, to: str) -> None:
        raise NotImplementedError


async def fetch_user(user_id: int) -> User:
    raise NotImplementedError


def parse(text: str) -> int:
    raise NotImplementedError


async def rename(repo: UserRepo, user_id: int) -> None:
    raise NotImplementedError


async def double_of_another_class_is_not_the_spec() -> None:
    await rename(fakes.async_double(Mailer), 1)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]


def unknown_attribute_of_the_spec() -> None:
    repo = fakes.async_double(UserRepo)
    print(repo.gett)  # type: ignore[attr-defined]  # pyright: ignore[reportAttributeAccessIssue]


async def call_that_does_not_fit_the_signature() -> None:
    repo = fakes.async_double(UserRepo)
    await repo.get("1")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]


def short_form_is_unknown_on_a_typed_double() -> None:
    repo = fakes.async_double(UserRepo)
    repo.get.returns(User(1))  # type: ignore[attr-defined]  # pyright: ignore[reportAttributeAccessIssue]


async def class_double_is_not_an_instance() -> None:
    repo_cls = fakes.async_double(UserRepo, instance=False)
    await rename(repo_cls, 1)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]


def function_double_keeps_the_return_type() -> None:
    parser = fakes.async_double(parse)
    text: str = parser("1")  # type: ignore[assignment]  # pyright: ignore[reportAssignmentType]
    print(text)


async def function_double_keeps_the_parameters() -> None:
    fetch = fakes.async_double(fetch_user)
    await fetch(1, 2)  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]


def sync_member_is_not_awaitable_in_types_either() -> None:
    async def body() -> None:
        repo = fakes.async_double(UserRepo)
        await repo.close()  # type: ignore[func-returns-value, misc]  # pyright: ignore[reportGeneralTypeIssues]


def unknown_keyword_of_async_double() -> None:
    fakes.async_double(UserRepo, nme="repo")  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue]
