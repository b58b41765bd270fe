"""Scheduling points of ``fakes.explore``: held awaits and the loop that releases them.

While an exploration runs, every await of a double is held as soon as it
starts (``HOOK`` is then not empty, and ``AsyncDouble._fakes_run`` awaits
``HOOK[0]``). The run's :class:`ExploreLoop` releases one held await each
time it has nothing else ready to run and no timer is due; a chooser (a
strategy, or a recorded schedule) decides which one. A released await then
does what its double is configured to do.

:func:`run_once` runs a scenario once on a fresh loop with a fresh ledger.
The loop also notices a run that can make no progress (nothing ready, nothing
held, no timer, no I/O, no thread at work), which would otherwise wait for
ever: it records why and cancels every task.
"""

from __future__ import annotations

import asyncio
import threading
from asyncio import current_task
from asyncio.events import _get_running_loop
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, cast

from fakes import _render
from fakes._ledger import STARTED, Ledger
from fakes.errors import NoProgressError, ReplayError

__all__ = [
    "HOOK",
    "Body",
    "Chooser",
    "ExploreLoop",
    "Held",
    "Run",
    "Scheduler",
    "hold",
    "run_once",
]

#: While an exploration runs: the function every await of a double awaits
#: after its ``started`` event. Empty otherwise, so that the await path pays
#: for one truth test only.
HOOK: list[Callable[[Any, int], Awaitable[None]]] = []


async def hold(double: Any, seq: int) -> None:
    """What ``HOOK`` holds: hold the await if it runs on an exploration's loop."""
    scheduler = getattr(_get_running_loop(), "fakes_scheduler", None)
    if scheduler is not None:
        await scheduler.hold(seq)


class Held:
    """One await of a double, held until the scheduler releases it."""

    __slots__ = ("future", "seq", "task")

    def __init__(self, seq: int, task: Any, future: asyncio.Future[None]) -> None:
        self.seq = seq
        self.task = task
        self.future = future


class Chooser(Protocol):
    """Picks which held await completes next."""

    def choose(self, step: int, held: Sequence[Held]) -> int:
        """Return the index, in ``held`` (oldest first), of the await to release."""
        ...


class Scheduler:
    """The held awaits of one run, and the choices made to release them.

    Attributes:
        choices: The index picked at each step, in order.
        options: How many awaits were held at each step.
        released: The ``started`` sequence number of each released await.
        stuck: Why the run could make no progress, once it could not.
    """

    def __init__(self, loop: ExploreLoop, chooser: Chooser) -> None:
        self.loop = loop
        self.chooser = chooser
        self.held: list[Held] = []
        self.choices: list[int] = []
        self.options: list[int] = []
        self.released: list[int] = []
        self.stuck: str | None = None
        self.cancelled = False
        self.watching = False

    async def hold(self, seq: int) -> None:
        """Wait until this await (``started`` event ``seq``) is released."""
        loop = self.loop
        future: asyncio.Future[None] = loop.create_future()
        held = Held(seq, current_task(loop), future)
        self.held.append(held)
        try:
            await future
        finally:
            if held in self.held:  # cancelled while held
                self.held.remove(held)

    def pending(self) -> list[Held]:
        """The awaits still held, oldest first."""
        return [held for held in self.held if not held.future.done()]

    def release_next(self, held: list[Held]) -> None:
        """Ask the chooser which of ``held`` goes next, and release it."""
        index = self.chooser.choose(len(self.choices), held)
        self.choices.append(index)
        self.options.append(len(held))
        chosen = held[index]
        self.held.remove(chosen)
        self.released.append(chosen.seq)
        chosen.future.set_result(None)

    def no_progress(self) -> None:
        """Every task waits on something that nothing will ever finish."""
        tasks = self.loop.pending_tasks()
        if self.stuck is None:
            self.stuck = _render.explore_no_progress(
                [(task.get_name(), _waits_in(task)) for task in tasks]
            )
        if not tasks or self.cancelled:
            # Cancelling did not unblock the run: stop the loop itself.
            raise NoProgressError(self.stuck)
        self.cancelled = True
        for task in tasks:
            task.cancel()


def _waits_in(task: asyncio.Task[Any]) -> list[str]:
    """The chain of coroutines a task is suspended in, outermost first."""
    chain = []
    coro: Any = task.get_coro()
    while coro is not None and hasattr(coro, "cr_code"):
        chain.append(coro.__qualname__)
        coro = coro.cr_await
    return chain


class ExploreLoop(asyncio.SelectorEventLoop):
    """The event loop of one exploration run.

    Before each iteration with no ready callback and no due timer, it
    releases one held await of a double. Tasks created without a name are
    named ``Task-1``, ``Task-2``, ... counting from the run's start, so that
    two runs of one schedule record the same ledger.
    """

    def __init__(self) -> None:
        super().__init__()
        self.fakes_scheduler: Scheduler | None = None
        self._fakes_tasks: list[asyncio.Task[Any]] = []
        self._fakes_threads = 0

    def _run_once(self) -> None:
        state: Any = self
        scheduler = self.fakes_scheduler
        if scheduler is not None and not state._ready and not state._stopping:
            held = scheduler.pending()
            timers = state._scheduled
            if held:
                if not (timers and timers[0]._when <= self.time()):
                    scheduler.release_next(held)
            elif (
                scheduler.watching
                and not timers
                and not self._fakes_threads
                and len(state._selector.get_map()) <= 1  # the loop's own pipe
            ):
                scheduler.no_progress()
        cast(Any, super())._run_once()

    def create_task(self, coro: Any, **options: Any) -> asyncio.Task[Any]:
        if options.get("name") is None:
            options["name"] = f"Task-{len(self._fakes_tasks) + 1}"
        task = super().create_task(coro, **options)
        self._fakes_tasks.append(task)
        return task

    def pending_tasks(self) -> list[asyncio.Task[Any]]:
        """The tasks not done yet, in the order they were created."""
        pending = asyncio.all_tasks(self)
        ordered = [task for task in self._fakes_tasks if task in pending]
        others = sorted(pending.difference(ordered), key=lambda task: task.get_name())
        return ordered + others

    def run_in_executor(  # type: ignore[override]
        self, executor: Any, func: Any, *args: Any
    ) -> Any:
        # Work in a thread ends without the loop's help: while some runs, an
        # idle loop is waiting for it, not stuck.
        future = super().run_in_executor(executor, func, *args)
        self._fakes_threads += 1
        future.add_done_callback(self._fakes_thread_done)
        return future

    def _fakes_thread_done(self, future: Any) -> None:
        self._fakes_threads -= 1


Body = Callable[[], Coroutine[Any, Any, Any]]
_hook_lock = threading.Lock()
_active = [0]


@dataclass(frozen=True)
class Run:
    """What one run did: its choices, its releases, its ledger and its failure."""

    choices: list[int]
    options: list[int]
    released: list[int]
    ledger: Ledger
    error: BaseException | None

    def schedule(self) -> tuple[tuple[int, str, str], ...]:
        """``(#, task, call)`` of each released await, in the order released.

        ``#`` is the sequence number of the await's ``started`` event.
        """
        started = {call: seq for seq, _, call, _ in self.ledger.scan({STARTED})}
        rows = []
        for call in self.released:
            event = self.ledger[started[call]]
            rows.append((event.seq, event.task or "-", _render.event_call(event)))
        return tuple(rows)


def run_once(body: Body, chooser: Chooser) -> Run:
    """Run the body once on a fresh loop, with a fresh ledger."""
    loop = ExploreLoop()
    scheduler = Scheduler(loop, chooser)
    loop.fakes_scheduler = scheduler
    ledger = Ledger()
    error: BaseException | None = None
    with _hook_lock:
        _active[0] += 1
        HOOK[:] = [hold]
    try:
        with ledger:
            scheduler.watching = True
            try:
                loop.run_until_complete(loop.create_task(body()))
            except (KeyboardInterrupt, SystemExit):
                raise
            except BaseException as failure:
                error = failure
            finally:
                _finish(loop, scheduler)
    finally:
        loop.close()
        with _hook_lock:
            _active[0] -= 1
            if not _active[0]:
                HOOK.clear()
    if isinstance(error, ReplayError):
        raise error
    if scheduler.stuck is not None:
        error = NoProgressError(scheduler.stuck)
    return Run(scheduler.choices, scheduler.options, scheduler.released, ledger, error)


def _finish(loop: ExploreLoop, scheduler: Scheduler) -> None:
    """Cancel what is left of the run and shut the loop down, as asyncio.run."""
    try:
        tasks = [task for task in asyncio.all_tasks(loop) if not task.done()]
        for task in tasks:
            task.cancel()
        if tasks:
            loop.run_until_complete(asyncio.gather(*tasks, return_exceptions=True))
        loop.run_until_complete(loop.shutdown_asyncgens())
    except Exception:  # the run's own failure is what the report shows
        pass
    scheduler.watching = False
    loop.run_until_complete(loop.shutdown_default_executor())
