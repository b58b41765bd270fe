"""A price lookup tested with argument rules: per-argument answers and matchers."""

from __future__ import annotations

import asyncio
from unittest.mock import ANY

import fakes
from fakes.errors import UnexpectedCallError


class Catalog:
    async def price(self, sku: str, *, currency: str = "EUR") -> int:
        raise NotImplementedError("talks to the catalog service")


async def basket_total(catalog: Catalog, skus: list[str]) -> int:
    total = 0
    for sku in skus:
        try:
            total += await catalog.price(sku)
        except KeyError:
            continue  # discontinued items are skipped
    return total


async def main() -> None:
    catalog = fakes.async_double(Catalog)
    catalog.price.when("apple").returns(3)
    catalog.price.when(sku="pear").returns(4)  # matches price("pear") too
    catalog.price.when("plum").raises(KeyError("plum"))

    assert await basket_total(catalog, ["apple", "pear", "plum", "apple"]) == 10

    try:
        await basket_total(catalog, ["kiwi"])
    except UnexpectedCallError as error:
        print(error)
    else:
        raise AssertionError("expected UnexpectedCallError")

    catalog.price.when(ANY, currency="USD").returns(0)
    assert await catalog.price("kiwi", currency="USD") == 0
    unused = [p for item in fakes.current_ledger().watched() for p in item.problems()]
    assert unused == []


if __name__ == "__main__":
    with fakes.Ledger():
        asyncio.run(main())
