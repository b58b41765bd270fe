"""patch_async with mock.patch's return_value=, side_effect= and new_callable=."""

from __future__ import annotations

import asyncio

import fakes
from fakes.errors import PatchTargetError


async def fetch_weather(city: str) -> dict[str, float]:
    raise NotImplementedError("talks to a weather service")


class Station:
    async def read(self) -> float:
        raise NotImplementedError("talks to hardware")


STATION = Station()


async def umbrella_needed(city: str) -> bool:
    weather = await fetch_weather(city)
    return weather["rain"] > 0.5


@fakes.patch_async("__main__.fetch_weather", return_value={"rain": 0.9})
async def test_rainy(fetch: fakes.AsyncDouble) -> None:
    assert await umbrella_needed("Bergen")
    fetch.assert_awaited_once_with("Bergen")


async def test_per_city() -> None:
    rain = {"Bergen": 0.9, "Madrid": 0.1}
    with fakes.patch_async(
        "__main__.fetch_weather", side_effect=lambda city: {"rain": rain[city]}
    ):
        assert await umbrella_needed("Bergen")
        assert not await umbrella_needed("Madrid")


async def test_outage() -> None:
    async with fakes.patch_async("__main__.fetch_weather", side_effect=TimeoutError):
        try:
            await umbrella_needed("Oslo")
        except TimeoutError:
            pass
        else:
            raise AssertionError("the outage did not reach the caller")


async def test_new_callable() -> None:
    with fakes.patch_async(
        "__main__.fetch_weather",
        new_callable=fakes.AsyncDouble,
        return_value={"rain": 0},
    ) as made:
        assert not await umbrella_needed("Lima")
    assert made.await_count == 1


def test_object_target_refuses_return_value() -> None:
    try:
        with fakes.patch_async("__main__.STATION", return_value=1.0):
            pass
    except PatchTargetError as error:
        print(error)
    else:
        raise AssertionError("return_value= on an object was accepted")


async def main() -> None:
    await test_rainy()
    await test_per_city()
    await test_outage()
    await test_new_callable()
    test_object_target_refuses_return_value()


if __name__ == "__main__":
    asyncio.run(main())
