"""A client with async members, and things that are not async."""

from __future__ import annotations

import asyncio


class Client:
    def __init__(self, url: str) -> None:
        self.url = url

    async def fetch(self, path: str) -> bytes:
        raise NotImplementedError("talks to the network")

    async def post(self, path: str, body: bytes) -> int:
        raise NotImplementedError("talks to the network")

    def close(self) -> None:
        raise NotImplementedError

    @classmethod
    async def connect(cls, url: str) -> Client:
        raise NotImplementedError

    @staticmethod
    async def ping(host: str) -> bool:
        raise NotImplementedError


class Config:
    def load(self) -> dict[str, str]:
        raise NotImplementedError


async def fetch_user(user_id: int) -> dict[str, int]:
    raise NotImplementedError("talks to the network")


def parse(text: str) -> int:
    raise NotImplementedError


async def nap() -> None:
    await asyncio.sleep(3600)


default_client = Client("https://default.test")
fetch_default = default_client.fetch
LIMIT = 3
