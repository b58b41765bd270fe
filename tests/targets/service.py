"""Code under test: uses the client module's names."""

from __future__ import annotations

from tests.targets.client import Client, fetch_user


async def load_user(user_id: int) -> dict[str, int]:
    return await fetch_user(user_id)


async def fetch_home(url: str) -> bytes:
    client = Client(url)
    return await client.fetch("/")


class Service:
    def __init__(self) -> None:
        self.client = Client("https://service.test")

    async def home(self) -> bytes:
        return await self.client.fetch("/")
