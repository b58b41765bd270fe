"""No shape of spec makes a double loop for ever: each shape runs in a subprocess.

A regression would spin without suspending, where no ``asyncio`` timeout can
stop it, so each scenario runs in its own Python with a wall-clock timeout:
it fails instead of hanging the suite.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

# Each scenario prints one line when it is done; the expected line follows.
SCENARIOS = {
    "async for over a double that iterates itself": (
        """
        class Stream:
            def __aiter__(self):
                return self

            async def __anext__(self) -> int:
                return 1

        async def main():
            stream = fakes.async_double(Stream)
            print([item async for item in stream])
        """,
        "[]",
    ),
    "async for over a self-iterating double after reading return_value": (
        """
        class Stream:
            def __aiter__(self):
                return self

            async def __anext__(self) -> int:
                return 1

        async def main():
            stream = fakes.async_double(Stream)
            _ = stream.__anext__.return_value  # reading is not configuring
            print([item async for item in stream])
        """,
        "[]",
    ),
    "async for over a double whose __aiter__ returns another class": (
        """
        class Cursor:
            async def __anext__(self) -> int:
                return 1

        class Table:
            def __aiter__(self) -> Cursor:
                return Cursor()

        async def main():
            table = fakes.async_double(Table)
            print([item async for item in table])
        """,
        "[]",
    ),
    "await of a double of a class with __await__": (
        """
        class Call:
            def __await__(self):
                return (yield)

        async def main():
            call = fakes.async_double(Call)
            await call
            print("awaited")
        """,
        "awaited",
    ),
    "await of an async property": (
        """
        class Device:
            @property
            async def ready(self) -> bool:
                return True

        async def main():
            device = fakes.async_double(Device)
            await device.ready
            print("awaited")
        """,
        "awaited",
    ),
    "await of what a member annotated -> Awaitable[int] returns": (
        """
        from collections.abc import Awaitable

        class Stub:
            def ping(self) -> Awaitable[int]:
                raise NotImplementedError

        async def main():
            stub = fakes.async_double(Stub)
            stub.ping.returns(3)
            print(await stub.ping())
        """,
        "3",
    ),
    "await of what a member returning an __await__ class returns": (
        """
        class Call:
            def __await__(self):
                return (yield)

        class Stub:
            def get(self) -> Call:
                raise NotImplementedError

        async def main():
            stub = fakes.async_double(Stub)
            stub.get.returns("user")
            print(await stub.get())
        """,
        "user",
    ),
}


def run_scenario(body: str) -> subprocess.CompletedProcess[str]:
    source = "import asyncio, fakes\n" + textwrap.dedent(body)
    source += "\nasyncio.run(asyncio.wait_for(main(), 5))\n"
    return subprocess.run(
        [sys.executable, "-c", source],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_no_endless_loop_for_any_spec_shape(scenario):
    """The scenario finishes, with the expected output, well within a timeout."""
    body, expected = SCENARIOS[scenario]

    result = run_scenario(body)

    assert (result.returncode, result.stdout.strip()) == (0, expected), result.stderr
