"""A producer and a consumer joined by a bounded queue, interleaved on purpose.

The pipeline should write the first batch while it is still fetching the
next one. Gates on both doubles hold the fetch and the write, so the test
puts the pipeline in exactly that state and checks it, instead of hoping
the scheduler gets there.
"""

from __future__ import annotations

import asyncio

import fakes


class Source:
    async def next_batch(self) -> list[int] | None:
        raise NotImplementedError("reads from a remote feed")


class Sink:
    async def write(self, item: int) -> None:
        raise NotImplementedError("writes to storage")


async def pipeline(source: Source, sink: Sink, queue_size: int = 2) -> None:
    queue: asyncio.Queue[int | None] = asyncio.Queue(queue_size)

    async def produce() -> None:
        while (batch := await source.next_batch()) is not None:
            for item in batch:
                await queue.put(item)
        await queue.put(None)  # tells the consumer to stop

    async def consume() -> None:
        while (item := await queue.get()) is not None:
            await sink.write(item)

    await asyncio.gather(produce(), consume())


async def main() -> None:
    source = fakes.async_double(Source)
    sink = fakes.async_double(Sink)
    fetching = source.next_batch.gate()
    writing = sink.write.gate()

    task = asyncio.ensure_future(pipeline(source, sink))
    await fetching.wait_entered(1)
    fetching.release([1, 2])  # the first batch arrives
    await writing.wait_entered(1)  # the consumer is writing item 1 ...
    await fetching.wait_entered(1)  # ... while the producer fetches again
    assert writing.held[0].args == (1,)

    fetching.release([3])
    await fetching.wait_entered(1)
    fetching.release(None)  # the feed is done
    writing.open()  # let every write through
    await task

    assert [c.args for c in sink.write.await_args_list] == [(1,), (2,), (3,)]
    fakes.assert_awaited_concurrently(source.next_batch, sink.write)
    fakes.assert_awaited_in_order(
        source.next_batch, fakes.awaited(sink.write, 1), fakes.awaited(sink.write, 3)
    )
    fakes.verify()  # no gate still holds an await
    print(fakes.timeline())


if __name__ == "__main__":
    with fakes.Ledger():
        asyncio.run(main())
