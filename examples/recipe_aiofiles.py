"""Faking aiofiles: ``aiofiles.open`` entered, lines read, text written.

``aiofiles.open`` is a sync function whose result is entered (or awaited),
so it is patched with ``factory=True``; ``enters()`` gives the file, a
double of aiofiles's own ``AsyncTextIOWrapper``: ``async for line in f``
hands out what ``yields()`` says, and ``read``/``write`` are awaited
members. No file is opened anywhere.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import aiofiles
import pytest
from aiofiles.threadpool.text import AsyncTextIOWrapper

import fakes

# The application under test.


async def append_event(path: str, event: dict[str, Any]) -> None:
    async with aiofiles.open(path, "a", encoding="utf-8") as file:
        await file.write(json.dumps(event) + "\n")


async def read_events(path: str) -> list[dict[str, Any]]:
    async with aiofiles.open(path, encoding="utf-8") as file:
        return [json.loads(line) async for line in file if line.strip()]


async def load_settings(path: str) -> dict[str, Any]:
    try:
        async with aiofiles.open(path, encoding="utf-8") as file:
            settings: dict[str, Any] = json.loads(await file.read())
    except FileNotFoundError:
        return {}
    return settings


# The tests.


async def append_event_writes_one_json_line() -> None:
    with fakes.patch_async("aiofiles.open", factory=True) as open_file:
        file = fakes.async_double(AsyncTextIOWrapper, name="file")
        open_file.enters(file)

        await append_event("events.log", {"kind": "login"})

    open_file.assert_called_once_with("events.log", "a", encoding="utf-8")
    open_file.assert_exited_cleanly()
    file.write.assert_awaited_once_with('{"kind": "login"}\n')


async def read_events_parses_each_line() -> None:
    with fakes.patch_async("aiofiles.open", factory=True) as open_file:
        file = fakes.async_double(AsyncTextIOWrapper, name="file")
        file.yields('{"kind": "login"}\n', "\n", '{"kind": "logout"}\n')
        open_file.enters(file)

        events = await read_events("events.log")

    assert events == [{"kind": "login"}, {"kind": "logout"}]
    file.assert_exhausted()


async def load_settings_reads_the_whole_file() -> None:
    with fakes.patch_async("aiofiles.open", factory=True) as open_file:
        file = fakes.async_double(AsyncTextIOWrapper, name="file")
        fakes.on(file.read).returns('{"theme": "dark"}')
        open_file.enters(file)

        assert await load_settings("settings.json") == {"theme": "dark"}

    file.read.assert_awaited_once_with()


async def load_settings_without_a_file_gives_defaults() -> None:
    missing = FileNotFoundError(2, "No such file or directory", "settings.json")
    with fakes.patch_async("aiofiles.open", factory=True) as open_file:
        open_file.enters(enter_raises=missing)

        assert await load_settings("settings.json") == {}


async def a_wrong_argument_fails_at_the_call() -> None:
    # aiofiles.open has no "encodings" parameter.
    with fakes.patch_async("aiofiles.open", factory=True), pytest.raises(TypeError):
        aiofiles.open("settings.json", encodings="utf-8")


async def main() -> None:
    with fakes.Ledger():
        await append_event_writes_one_json_line()
        await read_events_parses_each_line()
        await load_settings_reads_the_whole_file()
        await load_settings_without_a_file_gives_defaults()
        await a_wrong_argument_fails_at_the_call()
    print("ok: aiofiles open, read, iterate and write")


if __name__ == "__main__":
    asyncio.run(main())
