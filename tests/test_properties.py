"""Property-based tests of the core promises (hypothesis).

The number of examples comes from the hypothesis profile that
tests/conftest.py loads: few in the normal suite, many in ``nox -s stress``
(``FAKES_HYPOTHESIS_PROFILE=stress``).
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
from unittest.mock import ANY

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.soundness import assert_sound

import fakes
from fakes._script import Delay
from fakes.errors import AwaitOrderError, PatchOrderError, ScriptExhaustedError

DOUBLES = 3
MISSING = object()


# Await order: generated programs of tasks.

# One step of a task: which double, how many times its body yields, how many
# times the task yields before the await, and whether the coroutine is
# created before those yields (so that call order and await order differ).
steps = st.tuples(
    st.integers(0, DOUBLES - 1),
    st.integers(0, 3),
    st.integers(0, 3),
    st.booleans(),
)
programs = st.lists(st.lists(steps, max_size=6), min_size=1, max_size=4)


def run_program(program):
    """Run the tasks of ``program``; return the ledger, doubles and bodies begun."""
    began = []
    doubles = [fakes.async_double(name=f"d{index}") for index in range(DOUBLES)]

    def body_of(double):
        async def body(tag, inside):
            began.append((double._fakes_label(), (tag, inside)))
            for _ in range(inside):
                await asyncio.sleep(0)

        return body

    for double in doubles:
        double.side_effect = body_of(double)

    async def task(number, task_steps):
        for position, (which, inside, before, early) in enumerate(task_steps):
            call = doubles[which]((number, position), inside) if early else None
            for _ in range(before):
                await asyncio.sleep(0)
            if call is None:
                call = doubles[which]((number, position), inside)
            await call

    async def main():
        await asyncio.gather(*(task(n, s) for n, s in enumerate(program)))

    with fakes.Ledger() as ledger:
        asyncio.run(main())
    return ledger, doubles, began


def started_of(ledger):
    return [(event.double, event.args[0]) for event in ledger.events("started")]


def is_subsequence(items, started):
    """The oracle: greedy earliest matching (optimal for subsequences)."""
    position = 0
    for double, tag in started:
        if position == len(items):
            break
        want_double, want_tag = items[position]
        if double is want_double and (want_tag is None or want_tag == tag):
            position += 1
    return position == len(items)


def is_strict_run(items, started):
    """The oracle for ``strict=True``: consecutive among the named doubles."""
    named = {id(double) for double, _ in items}
    shown = [pair for pair in started if id(pair[0]) in named]
    return any(
        all(
            shown[start + k][0] is double
            and (tag is None or tag == shown[start + k][1])
            for k, (double, tag) in enumerate(items)
        )
        for start in range(len(shown) - len(items) + 1)
    )


def as_items(items):
    return [
        double if tag is None else fakes.awaited(double, tag, ANY)
        for double, tag in items
    ]


def accepts(items, strict=False):
    try:
        fakes.assert_awaited_in_order(*as_items(items), strict=strict)
    except AwaitOrderError:
        return False
    return True


@given(programs)
def test_ledger_started_order_is_body_order(program):
    """Started events come in the order the double bodies began, for any program."""
    ledger, _, began = run_program(program)

    started = [(event.name, event.args) for event in ledger.events("started")]

    assert started == began
    assert len(started) == sum(len(task_steps) for task_steps in program)
    assert len(ledger.events("returned")) == len(started)
    assert_sound(ledger)


@given(programs, st.data())
def test_assert_awaited_in_order_accepts_subsequences(program, data):
    """Every subsequence of the started awaits is accepted, as items or doubles."""
    ledger, _, _ = run_program(program)
    started = started_of(ledger)
    if not started:
        return
    chosen = data.draw(
        st.lists(st.integers(0, len(started) - 1), min_size=1, unique=True)
    )
    plain = data.draw(st.lists(st.booleans(), min_size=len(chosen)))

    items = [
        (started[index][0], None if bare else started[index][1])
        for index, bare in zip(sorted(chosen), plain, strict=False)
    ]

    with ledger:
        assert accepts(items)


@given(programs, st.data())
def test_assert_awaited_in_order_accepts_only_subsequences(program, data):
    """Any item list is accepted exactly when it is a subsequence (also strict)."""
    ledger, doubles, _ = run_program(program)
    started = started_of(ledger)
    tags = [*sorted({tag for _, tag in started}), (99, 99)]
    item = st.tuples(st.sampled_from(doubles), st.none() | st.sampled_from(tags))
    items = data.draw(st.lists(item, min_size=1, max_size=5))

    with ledger:
        loose, strict = accepts(items), accepts(items, strict=True)

    assert loose == is_subsequence(items, started)
    assert strict == is_strict_run(items, started)


# Scripts: generated steps, consumed in the order the awaits started.

script_steps = st.lists(
    st.one_of(
        st.integers(),
        st.builds(ValueError, st.integers()),
        st.builds(lambda value: fakes.delay(0, value), st.integers()),
    ),
    min_size=1,
    max_size=6,
)
endings = st.sampled_from([None, "repeat_last", "cycle"])


def expected_step(steps, ending, index):
    if index < len(steps):
        return steps[index]
    if ending == "cycle":
        return steps[index % len(steps)]
    if ending == "repeat_last":
        return steps[-1]
    return MISSING


@given(script_steps, endings, st.integers(0, 12), st.integers(1, 3))
def test_script_consumed_in_order(steps, ending, calls, tasks):
    """The n-th await that starts performs step n, whatever the interleaving."""
    given_steps = (*steps, getattr(fakes, ending)()) if ending else tuple(steps)
    double = fakes.async_double(name="fetch").script(*given_steps)
    outcomes = {}

    async def worker(number):
        for tag in range(number, calls, tasks):
            try:
                outcomes[tag] = await double(tag)
            except Exception as error:
                outcomes[tag] = error
            await asyncio.sleep(0)

    async def main():
        await asyncio.gather(*(worker(n) for n in range(tasks)))

    with fakes.Ledger() as ledger:
        asyncio.run(main())

    order = [event.args[0] for event in ledger.events("started")]
    assert sorted(order) == list(range(calls))
    for index, tag in enumerate(order):
        step = expected_step(steps, ending, index)
        outcome = outcomes[tag]
        if step is MISSING:
            assert isinstance(outcome, ScriptExhaustedError)
            assert str(outcome).startswith(f"fetch was called {index + 1} times")
        else:
            if isinstance(step, Delay):
                step = step.step
            assert outcome is step
    assert_sound(ledger)


# patch_async: whatever happens, the original comes back.


async def target_a(key: int) -> int:
    raise NotImplementedError


async def target_b(key: int) -> int:
    raise NotImplementedError


class Holder:
    async def get(self, key: int) -> int:
        raise NotImplementedError


holder = Holder()
MODULE = sys.modules[__name__]
TARGETS = [
    (MODULE, "target_a"),
    (MODULE, "target_b"),
    (Holder, "get"),
    (holder, "get"),
]


def originals():
    return [vars(owner).get(attribute, MISSING) for owner, attribute in TARGETS]


def current(target):
    owner, attribute = TARGETS[target]
    return vars(owner).get(attribute, MISSING)


def patcher(target):
    owner, attribute = TARGETS[target]
    if owner is MODULE and attribute == "target_b":
        return fakes.patch_async(f"{__name__}.{attribute}")
    return fakes.patch_async.object(owner, attribute)


operations = st.lists(
    st.tuples(st.sampled_from(["start", "stop"]), st.integers(0, 4)), max_size=20
)


@given(
    st.lists(st.integers(0, len(TARGETS) - 1), min_size=1, max_size=5),
    operations,
    st.randoms(use_true_random=False),
)
def test_patch_async_restores_after_any_start_stop_sequence(targets, ops, random):
    """Starts and stops in any order, out-of-order ones included, restore all."""
    before = originals()
    patchers = [patcher(target) for target in targets]
    stacks = {target: [] for target in range(len(TARGETS))}
    entered = [[] for _ in patchers]
    installed = {}

    def stop(number):
        target = targets[number]
        if not entered[number]:
            with pytest.raises(PatchOrderError):
                patchers[number].stop()
            return
        token = entered[number].pop()
        stack = stacks[target]
        later = len(stack) - 1 - stack.index(token) if token in stack else 0
        if token in stack:
            del stack[stack.index(token) :]
        if later:
            with pytest.raises(PatchOrderError):
                patchers[number].stop()
        else:
            patchers[number].stop()

    try:
        for op, number in ops:
            number %= len(patchers)
            if op == "start":
                token = object()
                installed[token] = patchers[number].start()
                stacks[targets[number]].append(token)
                entered[number].append(token)
            else:
                stop(number)
            for target, stack in stacks.items():
                want = installed[stack[-1]] if stack else before[target]
                assert current(target) is want
        remaining = [n for n, tokens in enumerate(entered) for _ in tokens]
        random.shuffle(remaining)
        for number in remaining:
            stop(number)
    finally:
        for number, tokens in enumerate(entered):
            for _ in tokens:
                # Only after a failed assertion: leave no patch behind.
                with contextlib.suppress(PatchOrderError):
                    patchers[number].stop()

    assert originals() == before
    assert [current(t) is b for t, b in enumerate(before)] == [True] * len(TARGETS)


class BoomError(Exception):
    pass


frames = st.lists(
    st.tuples(
        st.integers(0, len(TARGETS) - 1),
        st.sampled_from(["with", "async with", "decorator"]),
        st.sampled_from(["normal", "raise", "cancel", "await"]),
    ),
    min_size=1,
    max_size=5,
)


@given(frames)
def test_patch_async_restores_on_exit_error_and_cancellation(program):
    """Nested patches in every form restore all, on exit, error or cancellation."""
    before = originals()

    async def body(depth, double):
        target, _, ending = program[depth]
        assert current(target) is double
        await enter(depth + 1)
        assert current(target) is double
        if ending == "raise":
            raise BoomError(depth)
        if ending == "cancel":
            asyncio.current_task().cancel()
            await asyncio.sleep(0)
        if ending == "await":
            await asyncio.sleep(0)

    async def enter(depth):
        if depth == len(program):
            return
        target, form, _ = program[depth]
        patch = patcher(target)
        if form == "with":
            with patch as double:
                await body(depth, double)
        elif form == "async with":
            async with patch as double:
                await body(depth, double)
        else:

            async def decorated(double):
                await body(depth, double)

            await patch(decorated)()

    async def main():
        task = asyncio.create_task(enter(0))
        with contextlib.suppress(BoomError, asyncio.CancelledError):
            await task

    asyncio.run(main())

    assert [current(t) is b for t, b in enumerate(before)] == [True] * len(TARGETS)
