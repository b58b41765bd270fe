"""when(): argument rules, matchers, fallbacks, unexpected calls, unused rules."""

from __future__ import annotations

from unittest import mock
from unittest.mock import ANY

import pytest
from dirty_equals import IsInt, IsPositiveInt

import fakes
from fakes._double.doubles import AsyncDouble
from fakes.errors import (
    FakesTypeError,
    ProtocolMismatchError,
    ScriptExhaustedError,
    SignatureMismatchError,
    UnexpectedCallError,
)


class UserRepo:
    async def get(self, user_id: int) -> dict[str, int]:
        raise NotImplementedError

    async def save(self, user: dict[str, int], *, force: bool = False) -> None:
        raise NotImplementedError


def parse(text: str) -> int:
    raise NotImplementedError


async def test_when_returns_raises_and_script_per_arguments():
    """Each rule applies to the calls with its arguments."""
    repo = fakes.async_double(UserRepo)
    repo.get.when(1).returns({"id": 1})
    repo.get.when(2).raises(KeyError("2"))
    repo.get.when(3).script({"id": 3}, TimeoutError)

    one = await repo.get(1)
    with pytest.raises(KeyError):
        await repo.get(2)
    three = await repo.get(3)
    with pytest.raises(TimeoutError):
        await repo.get(3)

    assert (one, three) == ({"id": 1}, {"id": 3})


async def test_when_first_matching_rule_wins():
    """Rules are tried in the order they were added."""
    repo = fakes.async_double(UserRepo)
    repo.get.when(1).returns("exact").when(ANY).returns("any")

    results = [await repo.get(1), await repo.get(2)]

    assert results == ["exact", "any"]


async def test_when_matches_dirty_equals_matchers():
    """Any object with __eq__ works as a matcher."""
    repo = fakes.async_double(UserRepo)
    repo.get.when(IsPositiveInt).returns("positive").when(IsInt).returns("other")

    results = [await repo.get(5), await repo.get(-5)]

    assert results == ["positive", "other"]


async def test_when_matches_keyword_and_positional_alike():
    """For a spec'd member, arguments match however they were passed."""
    repo = fakes.async_double(UserRepo)
    repo.get.when(user_id=1).returns("one")
    repo.save.when({"id": 1}).returns("saved")

    results = [await repo.get(1), await repo.save(user={"id": 1})]

    assert results == ["one", "saved"]
    with pytest.raises(UnexpectedCallError):
        await repo.save({"id": 1}, force=True)


async def test_when_matches_defaults_given_or_left_out():
    """For a spec'd member, a default passed explicitly equals one left out."""
    repo = fakes.async_double(UserRepo)
    repo.save.when({"id": 1}).returns("plain").when({"id": 2}, force=False).returns(
        "explicit"
    )

    results = [
        await repo.save({"id": 1}, force=False),
        await repo.save({"id": 2}),
    ]

    assert results == ["plain", "explicit"]


async def test_when_unmatched_call_falls_back_to_returns():
    """returns() says what calls that no rule matches do, in any order."""
    repo = fakes.async_double(UserRepo)
    repo.get.returns("default")
    repo.get.when(1).returns("one")

    results = [await repo.get(1), await repo.get(2)]

    assert results == ["one", "default"]


async def test_when_returns_after_rules_keeps_rules():
    """returns() after when() sets the fallback and keeps the rules."""
    repo = fakes.async_double(UserRepo)
    repo.get.when(1).returns("one")
    repo.get.returns("default")

    results = [await repo.get(1), await repo.get(2)]

    assert results == ["one", "default"]


async def test_when_unmatched_call_falls_back_to_script():
    """A script serves the calls that no rule matches."""
    repo = fakes.async_double(UserRepo)
    repo.get.when(1).returns("one")
    repo.get.script("a", "b")

    results = [await repo.get(2), await repo.get(1), await repo.get(3)]

    assert results == ["a", "one", "b"]


async def test_when_unexpected_call_message():
    """With rules and no fallback, an unmatched call lists the rules."""
    repo = fakes.async_double(UserRepo)
    repo.get.when(1).returns({"id": 1})
    repo.get.when(2).raises(KeyError("2"))
    repo.get.when(3).script(1, fakes.cycle())

    with pytest.raises(UnexpectedCallError) as caught:
        await repo.get(4)

    assert isinstance(caught.value, AssertionError)
    assert str(caught.value) == (
        "UserRepo.get(4) matches none of its rules:\n"
        "  UserRepo.get.when(1).returns({'id': 1})\n"
        "  UserRepo.get.when(2).raises(KeyError('2'))\n"
        "  UserRepo.get.when(3).script(...) with steps [1, fakes.cycle()]\n"
        "Add a when() rule for these arguments, or set what other calls do "
        "with returns(), raises() or script()."
    )


async def test_when_rule_script_exhausted_names_the_rule():
    """A rule's own script names the rule when it runs out."""
    repo = fakes.async_double(UserRepo)
    repo.get.when(1).script("once")
    await repo.get(1)

    with pytest.raises(ScriptExhaustedError) as caught:
        await repo.get(1)

    assert str(caught.value) == (
        "UserRepo.get.when(1) was called 2 times but its script has 1 step: "
        "['once']. Add steps, or end the script with fakes.repeat_last() or "
        "fakes.cycle()."
    )


def test_when_arguments_that_do_not_bind_message():
    """when() checks the arguments against the spec when it is configured."""
    repo = fakes.async_double(UserRepo)

    with pytest.raises(SignatureMismatchError) as caught:
        repo.get.when(1, 2)

    assert isinstance(caught.value, TypeError)
    assert str(caught.value) == (
        "UserRepo.get(1, 2) does not match the signature "
        "UserRepo.get(user_id: int) -> dict[str, int]: too many positional "
        "arguments"
    )


def test_when_raises_with_non_exception_message():
    """A rule raises only exceptions."""
    repo = fakes.async_double(UserRepo)

    with pytest.raises(FakesTypeError) as caught:
        repo.get.when(1).raises("boom")  # type: ignore[arg-type]

    assert str(caught.value) == (
        "UserRepo.get.when(1).raises() takes an exception instance or class, "
        "got 'boom'; to return the value use returns()."
    )


async def test_when_problems_lists_unused_rules(fakes_ledger):
    """Each rule registers with the ledger; problems() names the unused ones."""
    repo = fakes.async_double(UserRepo)
    repo.get.when(1).returns("one").when(2).returns("two")
    await repo.get(1)

    problems = [text for item in fakes_ledger.watched() for text in item.problems()]

    assert problems == [
        "UserRepo.get.when(2) was never used: no call had these arguments. "
        "Remove the rule, or check the arguments the code passes."
    ]


async def test_when_problems_empty_when_every_rule_used(fakes_ledger):
    """No problem once every rule matched a call."""
    repo = fakes.async_double(UserRepo)
    repo.get.when(1).returns("one")

    await repo.get(1)

    assert [item.problems() for item in fakes_ledger.watched()] == [[]]


def test_when_on_a_sync_double():
    """Rules work on sync doubles too."""
    double = fakes.async_double(parse)
    double.when("1").returns(1).when(ANY).raises(ValueError)

    result = double("1")

    assert result == 1
    with pytest.raises(ValueError):  # noqa: PT011 - the rule's error, no message
        double("x")


async def test_when_without_spec_matches_raw_arguments():
    """A spec-less double compares positional and keyword arguments as given."""
    fetch = fakes.async_double(name="fetch")
    fetch.when(1, page=2).returns("p2")

    result = await fetch(1, page=2)

    assert result == "p2"
    with pytest.raises(UnexpectedCallError):
        await fetch(1, 2)


def test_when_on_a_double_of_an_object_message():
    """A double of an object is never called, so when() is refused."""
    repo = fakes.async_double(UserRepo)

    with pytest.raises(ProtocolMismatchError) as caught:
        repo.when(1)

    assert str(caught.value) == (
        "UserRepo.when() says what calls do, but UserRepo is a double of an "
        "object, which is not called.\nFix: configure one of its members instead, "
        "such as UserRepo.<member>.when(...)."
    )


def render(template: str, *, strict: bool = False) -> str:
    raise NotImplementedError


def test_when_unexpected_call_on_a_sync_double_message():
    """A sync double with rules and no fallback refuses an unmatched call."""
    double = fakes.async_double(render)
    double.when("a").returns("A")

    with pytest.raises(UnexpectedCallError) as caught:
        double("b", strict=True)

    assert str(caught.value) == (
        "render('b', strict=True) matches none of its rules:\n"
        "  render.when('a').returns('A')\n"
        "Add a when() rule for these arguments, or set what other calls do "
        "with returns(), raises() or script()."
    )


def test_when_sync_double_unmatched_call_falls_back_to_side_effect():
    """A sync double passes an unmatched call's arguments to its side_effect."""
    double = fakes.async_double(render)
    double.when("a").returns("A")
    double.side_effect = lambda template, *, strict=False: f"{template}:{strict}"

    results = [double("a"), double("b", strict=True)]

    assert results == ["A", "b:True"]


async def test_when_unmatched_call_falls_back_to_side_effect():
    """An unmatched call of an async double runs its side_effect."""
    repo = fakes.async_double(UserRepo)
    repo.get.when(1).returns("one")
    repo.get.side_effect = lambda user_id: f"user {user_id}"

    results = [await repo.get(1), await repo.get(2)]

    assert results == ["one", "user 2"]


async def test_when_on_a_create_autospec_function_falls_back_to_its_configuration():
    """A double behind a create_autospec function falls back to its return_value."""
    with mock.patch.object(mock, "AsyncMock", AsyncDouble):
        get = mock.create_autospec(UserRepo.get)
    get.mock.reset_mock(return_value=True)
    get.mock.when(ANY, 1).returns({"id": 1})
    get.return_value = {"id": 0}

    results = [await get(None, 1), await get(None, 2)]

    assert results == [{"id": 1}, {"id": 0}]


def test_when_script_on_a_sync_double():
    """A rule's script serves the matching calls of a sync double, in order."""
    double = fakes.async_double(parse)
    double.when("1").script(1, ValueError("again"))

    first = double("1")
    with pytest.raises(ValueError, match=r"^again$"):
        double("1")

    assert first == 1


def test_when_problems_empty_when_a_sync_double_used_every_rule(fakes_ledger):
    """A call of a sync double counts as a use of the rule it matched."""
    double = fakes.async_double(parse)
    double.when("1").returns(1).when("2").raises(ValueError)

    double("1")
    with pytest.raises(ValueError):  # noqa: PT011 - the rule's error, no message
        double("2")

    assert [item.problems() for item in fakes_ledger.watched()] == [[], []]


async def test_when_rule_without_action_matches_no_call():
    """A rule that does not yet say what calls do is skipped and not listed."""
    repo = fakes.async_double(UserRepo)
    repo.get.when(1)
    repo.get.when(2).returns("two")

    two = await repo.get(2)
    with pytest.raises(UnexpectedCallError) as caught:
        await repo.get(1)

    assert two == "two"
    assert str(caught.value) == (
        "UserRepo.get(1) matches none of its rules:\n"
        "  UserRepo.get.when(2).returns('two')\n"
        "Add a when() rule for these arguments, or set what other calls do "
        "with returns(), raises() or script()."
    )


def test_when_builder_repr_asks_for_an_action():
    """An unfinished rule shows how to finish it."""
    repo = fakes.async_double(UserRepo)

    builder = repo.get.when(1)

    assert repr(builder) == (
        "<UserRepo.get.when(1): say .returns(), .raises() or .script()>"
    )


class Connection:
    async def __aenter__(self) -> str:
        raise NotImplementedError

    async def __aexit__(self, *exc_info: object) -> bool | None:
        raise NotImplementedError


async def test_when_on_aexit_unmatched_exit_falls_back_to_the_context_manager():
    """An exit no rule of __aexit__ matches is the context manager's own exit."""
    conn = fakes.async_double(Connection)
    async with conn:
        pass
    conn.__aexit__.when(ValueError, ANY, ANY).returns(True)

    async with conn:
        raise ValueError("suppressed by the rule")
    with pytest.raises(KeyError, match=r"^'passes through'$"):
        async with conn:
            raise KeyError("passes through")
    conn.__aexit__.side_effect = lambda exc_type, exc, tb: exc_type is KeyError
    async with conn:
        raise KeyError("suppressed by side_effect")

    assert conn.__aexit__.await_count == 4


async def test_when_left_without_outcome_changes_nothing(fakes_ledger):
    """A when() that never says an outcome leaves the double as it was."""
    repo = fakes.async_double(UserRepo)
    repo.get.returns("default")

    repo.get.when(1)
    result = await repo.get(1)

    assert result == "default"
    assert [text for item in fakes_ledger.watched() for text in item.problems()] == [
        "UserRepo.get.when(1) was never used: no call had these arguments. "
        "Remove the rule, or check the arguments the code passes."
    ]


async def test_when_rules_are_tried_in_the_order_of_their_when_calls():
    """A rule whose outcome is said later still comes first if its when() did."""
    fetch = fakes.async_double(name="fetch")
    first = fetch.when(1)
    fetch.when(ANY).returns("any")

    first.returns("one")

    assert [await fetch(1), await fetch(2)] == ["one", "any"]


_RULES_IN_TWO_TESTS = """
import pytest

import fakes


class UserRepo:
    async def get(self, user_id: int) -> str: ...


repo = fakes.async_double(UserRepo)


@pytest.mark.fakes_verify
async def test_first():
    repo.get.when(1).returns("one").when(2).returns("two")
    await repo.get(1)


@pytest.mark.fakes_verify
async def test_second():
    repo.get.when(3).returns("three")
    await repo.get(2)
"""


def test_when_rules_of_a_module_level_double_are_verified_in_each_test(pytester):
    """Each test's unused rules are reported in that test, not in another."""
    pytester.makepyfile(_RULES_IN_TWO_TESTS)

    result = pytester.runpytest(
        "-p",
        "no:cacheprovider",
        "-p",
        "asyncio",
        "--asyncio-mode=auto",
        "-o",
        "asyncio_default_fixture_loop_scope=function",
    )

    result.assert_outcomes(passed=2, errors=2)
    result.stdout.fnmatch_lines(
        [
            "*ERROR at teardown of test_first*",
            "E*  1. UserRepo.get.when(2) was never used: no call had these arguments.*",
            "*ERROR at teardown of test_second*",
            "E*  1. UserRepo.get.when(3) was never used: no call had these arguments.*",
        ]
    )
    assert "found 2 problems" not in result.stdout.str()


async def test_when_reading_return_value_keeps_unmatched_calls_refused():
    """Reading return_value is not a configuration: an unmatched call still fails."""

    class Repo:
        async def get(self, key: int) -> int: ...

    repo = fakes.async_double(Repo, name="repo")
    repo.get.when(1).returns(10)
    _ = repo.get.return_value

    with pytest.raises(UnexpectedCallError) as caught:
        await repo.get(2)

    assert str(caught.value) == (
        "repo.get(2) matches none of its rules:\n"
        "  repo.get.when(1).returns(10)\n"
        "Add a when() rule for these arguments, or set what other calls do "
        "with returns(), raises() or script()."
    )
