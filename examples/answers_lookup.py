"""Argument-aware answers: a fake directory computes each result from the call."""

from __future__ import annotations

import asyncio

import fakes


class Directory:
    async def lookup(
        self, email: str, *, include_disabled: bool = False
    ) -> dict[str, str]:
        raise NotImplementedError("talks to the directory service")

    def domain_of(self, email: str) -> str:
        raise NotImplementedError("reads the configuration")


async def invite_all(directory: Directory, emails: list[str]) -> list[str]:
    names = []
    for email in emails:
        person = await directory.lookup(email)
        names.append(f"{person['name']} ({directory.domain_of(email)})")
    return names


PEOPLE = {"ada@example.test": "Ada", "grace@example.test": "Grace"}


async def main() -> None:
    directory = fakes.async_double(Directory)
    # Typed: the lambdas are checked against lookup() and domain_of().
    fakes.on(directory.lookup).answers(
        lambda email, *, include_disabled=False: {"name": PEOPLE[email]}
    )
    fakes.on(directory.domain_of).answers(lambda email: email.split("@")[1])

    names = await invite_all(directory, ["ada@example.test", "grace@example.test"])

    assert names == ["Ada (example.test)", "Grace (example.test)"]
    fakes.on(directory.lookup).assert_awaited_with("grace@example.test")

    # An unknown address: the answer's KeyError is what the await raises.
    try:
        await invite_all(directory, ["nobody@example.test"])
    except KeyError as error:
        print(f"unknown: {error}")

    # An answer that cannot take the member's arguments is refused at once.
    try:
        directory.lookup.answers(lambda: {"name": "?"})
    except fakes.errors.AnswerError as error:
        print(error)
    print(fakes.timeline())


if __name__ == "__main__":
    with fakes.Ledger():
        asyncio.run(main())
