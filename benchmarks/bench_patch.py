"""Enter and exit of ``patch_async`` against ``mock.patch(..., autospec=True)``.

Both patch the same targets of one module, in one process: a class with ten
async methods and an async function. Run with ``PYTHONPATH=src python
benchmarks/bench_patch.py``; the ratios matter, not the times.
"""

from __future__ import annotations

import asyncio
import sys
import timeit
import types
from unittest import mock

import fakes

SOURCE = (
    """
class Client:
    def __init__(self, url: str) -> None:
        self.url = url
"""
    + "".join(
        f"""
    async def method_{index}(self, key: str, *, retries: int = 3) -> bytes:
        raise NotImplementedError
"""
        for index in range(10)
    )
    + """

async def fetch_user(user_id: int) -> dict:
    raise NotImplementedError
"""
)

module = types.ModuleType("bench_patch_target")
exec(SOURCE, module.__dict__)
sys.modules[module.__name__] = module

CLASS = "bench_patch_target.Client"
FUNCTION = "bench_patch_target.fetch_user"


def enter_exit_fakes(target: str) -> None:
    with fakes.patch_async(target):
        pass


def enter_exit_mock(target: str) -> None:
    with mock.patch(target, autospec=True):
        pass


def use_fakes() -> None:
    with fakes.patch_async(CLASS) as client_cls:
        client_cls.return_value.method_0.returns(b"x")
        asyncio.run(module.Client("u").method_0("k"))


def use_mock() -> None:
    with mock.patch(CLASS, autospec=True) as client_cls:
        client_cls.return_value.method_0.return_value = b"x"
        asyncio.run(module.Client("u").method_0("k"))


def best(func: object, *args: object, number: int) -> float:
    """Best time of one call, in microseconds."""
    timer = timeit.Timer(lambda: func(*args))  # type: ignore[operator]
    return min(timer.repeat(repeat=5, number=number)) / number * 1e6


def main() -> None:
    with fakes.Ledger():
        rows = [
            (
                "class, 10 async methods",
                best(enter_exit_fakes, CLASS, number=2000),
                best(enter_exit_mock, CLASS, number=50),
            ),
            (
                "async function",
                best(enter_exit_fakes, FUNCTION, number=2000),
                best(enter_exit_mock, FUNCTION, number=500),
            ),
            (
                "class + one awaited call (asyncio.run)",
                best(use_fakes, number=100),
                best(use_mock, number=30),
            ),
        ]
    print(f"Python {sys.version.split()[0]}")
    print(f"{'enter + exit':40} {'patch_async':>12} {'mock.patch':>12} {'ratio':>7}")
    for name, ours, theirs in rows:
        print(f"{name:40} {ours:10.1f}us {theirs:10.1f}us {theirs / ours:6.1f}x")


if __name__ == "__main__":
    main()
