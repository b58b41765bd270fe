"""CPython's own mock tests pass with AsyncDouble in place of AsyncMock.

The running interpreter's tests of ``unittest.mock`` (``testasync``,
``testmock``, ``testmagicmethods``, ``testcallable`` and ``testpatch``) are
imported from their real package, and each test method runs as one pytest
test, three times:

* ``stdlib``: as it is, for the baseline;
* ``AsyncMock``: with ``AsyncDouble`` in place of ``AsyncMock`` in the test
  module and in ``unittest.mock`` (so ``patch``, ``create_autospec`` and the
  async magic methods of ``MagicMock`` build doubles too);
* ``AsyncMock+MagicMock``: also with ``SyncDouble`` in place of ``MagicMock``.

The originals come back after every test, pass or fail. A test that fails
with the doubles in place but also fails as it is (a test that does not
pass in this environment) is skipped with that reason, so the outcome with
the doubles is always the baseline's. Counts per module and run are printed
in the terminal summary (see conftest.py).

The few tests that cannot pass by design are in ``EXCLUDED``, with the
reason; they run as strict expected failures, so one that starts passing is
reported.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import inspect
import sys
import sysconfig
import unittest
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from unittest import mock

import pytest

from fakes._double.doubles import AsyncDouble, SyncDouble
from fakes._double.fastmock import FastMockMixin
from fakes._ledger import Ledger, set_default_ledger
from fakes.errors import FakesTypeError

# Where the tests of unittest.mock live: 3.12 moved them under ``test``.
_PACKAGES = ("test.test_unittest.testmock", "unittest.test.testmock")
#: The test modules of ``unittest.mock`` that are run.
MODULE_NAMES = (
    "testasync",
    "testmock",
    "testmagicmethods",
    "testcallable",
    "testpatch",
)

#: ``"module.TestClass.test_name": "reason"`` for every test that cannot pass
#: by design with ``AsyncDouble`` for ``AsyncMock`` (and in every run).
EXCLUDED: dict[str, str] = {}
#: The same, for tests that cannot pass with ``SyncDouble`` for ``MagicMock``.
EXCLUDED_WITH_SYNC: dict[str, str] = {
    "testmock.MockTest.test_autospec_mock": (
        "the message it expects quotes the repr of a MagicMock, which names "
        "the class: a SyncDouble's repr reads <SyncDouble spec='A' ...>, as "
        "the repr of any subclass of MagicMock names that subclass"
    ),
}

#: What stands in for what, per run: ``{run: {stdlib name: double class}}``.
SUBSTITUTIONS: dict[str, dict[str, type]] = {
    "stdlib": {},
    "AsyncMock": {"AsyncMock": AsyncDouble},
    "AsyncMock+MagicMock": {"AsyncMock": AsyncDouble, "MagicMock": SyncDouble},
}

# Also counted: "built", tests that built a double; "recorded", tests whose
# doubles wrote to the ledger (they were called or awaited).
_OUTCOMES = ("passed", "failed", "excluded", "skipped", "built", "recorded")
#: Outcomes per module and run, read by the terminal summary in conftest.py.
COUNTS: dict[str, dict[str, dict[str, int]]] = {
    module: {run: dict.fromkeys(_OUTCOMES, 0) for run in SUBSTITUTIONS}
    for module in MODULE_NAMES
}


def _load(short: str) -> tuple[ModuleType | None, str]:
    """Import the running interpreter's test module ``short`` from its package."""
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    for package in _PACKAGES:
        name = f"{package}.{short}"
        path = stdlib.joinpath(*name.split(".")).with_suffix(".py")
        if not path.exists():
            continue
        try:
            module = importlib.import_module(name)
        except unittest.SkipTest as skip:
            return None, f"{name} skips itself: {skip}"
        if Path(module.__file__ or "").resolve() != path.resolve():
            return None, f"{name} was imported from {module.__file__}, not {path}"
        return module, str(path)
    version = sys.version.split()[0]
    return None, f"no {short}.py under {stdlib} (Python {version})"


MODULES = {short: _load(short) for short in MODULE_NAMES}


def _test_ids(module: ModuleType) -> list[str]:
    """``Class.method`` of every test the module holds, in definition order."""
    ids: list[str] = []
    pending: list[unittest.TestSuite | unittest.TestCase] = [
        unittest.TestLoader().loadTestsFromModule(module)
    ]
    while pending:
        item = pending.pop(0)
        if isinstance(item, unittest.TestSuite):
            pending[:0] = list(item)
        else:
            ids.append(item.id().removeprefix(f"{module.__name__}."))
    return ids


def _exclusion(run: str, test_id: str) -> str | None:
    if run == "stdlib":
        return None
    reason = EXCLUDED.get(test_id)
    if reason is None and "MagicMock" in SUBSTITUTIONS[run]:
        reason = EXCLUDED_WITH_SYNC.get(test_id)
    return reason


def _params() -> list[object]:
    params: list[object] = []
    for short, (module, source) in MODULES.items():
        if module is None:
            params.append(
                pytest.param(
                    short, "", "", id=short, marks=pytest.mark.skip(reason=source)
                )
            )
            continue
        for test_id in _test_ids(module):
            for run in SUBSTITUTIONS:
                full_id = f"{short}.{test_id}"
                reason = _exclusion(run, full_id)
                marks = (
                    ()
                    if reason is None
                    else pytest.mark.xfail(reason=reason, strict=True)
                )
                params.append(
                    pytest.param(
                        short, test_id, run, id=f"{full_id}[{run}]", marks=marks
                    )
                )
    return params


@contextlib.contextmanager
def substituted(module: ModuleType, doubles: dict[str, type]) -> Iterator[list[int]]:
    """Put the doubles where the stdlib classes are, and restore them afterwards.

    ``unittest.mock`` looks its classes up as module globals (``patch``,
    ``create_autospec``, ``_get_child_mock``), and a test module imported
    them by name (or not at all), so those two namespaces are all that hold
    them. Yields ``[doubles built, events recorded]``, filled in on exit.
    """
    originals = [
        (holder, name, getattr(holder, name))
        for holder in (mock, module)
        for name in doubles
        if holder is mock or getattr(holder, name, None) is getattr(mock, name)
    ]
    ledger = Ledger()
    previous = set_default_ledger(ledger)
    # Counted in __new__, which every double goes through: a shared double
    # class holds its own copy of the inherited __init__.
    new = FastMockMixin.__dict__["__new__"]

    counts = [0, 0]

    def counting_new(cls: type, /, *args: object, **kwargs: object) -> object:
        counts[0] += 1
        return new.__func__(cls, *args, **kwargs)

    try:
        for holder, name, _ in originals:
            setattr(holder, name, doubles[name])
        type.__setattr__(FastMockMixin, "__new__", staticmethod(counting_new))
        yield counts
    finally:
        counts[1] = len(ledger)
        type.__setattr__(FastMockMixin, "__new__", new)
        # A test of unittest.mock imports it afresh (with it out of
        # sys.modules), which rebinds ``unittest.mock`` to the new module:
        # later ``from unittest import mock`` would see other classes.
        unittest.mock = mock
        for holder, name, original in originals:
            setattr(holder, name, original)
        set_default_ledger(previous)


def _report(result: unittest.TestResult) -> str:
    problems = result.errors + result.failures
    text = "\n".join(trace for _, trace in problems)
    for case in result.unexpectedSuccesses:
        text += f"\n{case.id()} passed but the stdlib expects it to fail"
    return text


def _run(
    module: ModuleType, test_id: str, doubles: dict[str, type]
) -> tuple[unittest.TestResult, int, int]:
    """Run one test with ``doubles`` in place: its result, doubles built, events."""
    suite = unittest.TestLoader().loadTestsFromName(test_id, module)
    result = unittest.TestResult()
    with substituted(module, doubles) as counts:
        suite.run(result)
    return result, counts[0], counts[1]


def _outcome(excluded: bool, result: unittest.TestResult) -> str:
    if result.errors or result.failures or result.unexpectedSuccesses:
        return "excluded" if excluded else "failed"
    if result.skipped:
        return "skipped"
    return "passed"


@pytest.mark.parametrize(("short", "test_id", "run"), _params())
def test_cpython_mock_suites_pass_with_doubles(short, test_id, run):
    """The stdlib's mock test passes with the doubles in place, as it does without."""
    module = MODULES[short][0]
    assert module is not None
    doubles = SUBSTITUTIONS[run]

    result, built, recorded = _run(module, test_id, doubles)

    assert (mock.AsyncMock, mock.MagicMock) == (
        getattr(module, "AsyncMock", mock.AsyncMock),
        getattr(module, "MagicMock", mock.MagicMock),
    )
    assert mock.AsyncMock is not AsyncDouble
    assert mock.MagicMock is not SyncDouble
    excluded = _exclusion(run, f"{short}.{test_id}") is not None
    outcome = _outcome(excluded, result)
    if outcome == "failed" and doubles and _report(_run(module, test_id, {})[0]):
        outcome = "skipped"
        result.skipped.append((None, "fails without the doubles too"))  # type: ignore[arg-type]
    COUNTS[short][run][outcome] += 1
    COUNTS[short][run]["built"] += built > 0
    COUNTS[short][run]["recorded"] += recorded > 0
    if result.skipped:
        pytest.skip(result.skipped[0][1])
    assert not _report(result), _report(result)


# What the CPython suite does not cover, checked against AsyncMock itself.


class _Iterable:
    def __iter__(self):
        return iter([])


@pytest.mark.parametrize("cls", [mock.AsyncMock, AsyncDouble])
def test_async_double_spec_leaves_out_magic_methods(cls):
    """A magic method the spec lacks is absent, so the interpreter raises TypeError."""
    AsyncDouble()  # a fast double first, so that its shared class exists
    double = cls(spec=_Iterable)

    with pytest.raises(TypeError):
        int(double)

    assert list(double) == []
    assert not hasattr(double, "__len__")


def _uses(double):
    """What ``list()``, ``len()`` and ``int()`` give on ``double``, errors by name."""
    outcomes = []
    for use in (list, len, int):
        try:
            outcomes.append(use(double))
        except Exception as error:
            outcomes.append(type(error).__name__)
    return outcomes


def test_async_double_mock_add_spec_matches_async_mock():
    """After ``mock_add_spec``, magic methods behave as on an ``AsyncMock``."""
    AsyncDouble()
    expected = mock.AsyncMock()
    str(expected)
    expected.mock_add_spec(_Iterable)
    double = AsyncDouble()
    str(double)

    double.mock_add_spec(_Iterable)

    assert _uses(double) == _uses(expected)


@pytest.mark.parametrize("used", [False, True])
@pytest.mark.parametrize("cls", [mock.AsyncMock, AsyncDouble])
def test_async_double_deleted_magic_method_is_absent(cls, used):
    """A deleted magic method raises TypeError when used, before or after first use."""
    double = cls()
    if used:
        double["key"]

    del double.__getitem__

    with pytest.raises(TypeError):
        double["key"]
    assert isinstance(cls(), cls)


def test_async_double_type_derives_from_the_class():
    """A double's class derives from its class, before and after magic use."""
    double = AsyncDouble()

    before = type(double)
    str(double)

    assert issubclass(before, AsyncDouble)
    assert before is not AsyncDouble
    assert isinstance(double, AsyncDouble)


def test_async_double_property_mock_on_member_class_is_refused():
    """Setting an attribute on the class member doubles share is an error."""
    parent = AsyncDouble()
    member = parent.child

    with pytest.raises(FakesTypeError) as caught:
        type(member).size = mock.PropertyMock(return_value=3)

    assert str(caught.value) == (
        "cannot set 'size' on this AsyncDouble's class: member doubles share "
        "it, so 'size' would reach all of them. Set it on the double itself, "
        "or give the double a class of its own by creating it with "
        "fakes.async_double() (a root double's class is its own)."
    )
    assert not hasattr(parent.other, "size") or not isinstance(parent.other.size, int)


def test_async_double_property_mock_on_type_stays_with_one_double():
    """``type(double).attr = PropertyMock(...)`` only changes that double."""
    double, other = AsyncDouble(), AsyncDouble()
    shared = type(double)

    try:
        shared.size = mock.PropertyMock(return_value=3)
        seen = (double.size, other.size)
    finally:
        with contextlib.suppress(AttributeError):
            type.__delattr__(shared, "size")

    assert seen[0] == 3
    assert seen[1] != 3


def test_sync_double_subclass_keeps_its_own_magic_methods():
    """A magic method a subclass defines wins; the others stay configurable."""

    class Sized(SyncDouble):
        def __len__(self):
            return 3

    double = Sized()
    double.__lt__.return_value = True

    assert len(double) == 3
    assert (double < 1) is True
    assert int(double) == 1


@pytest.mark.parametrize("base", [mock.AsyncMock, AsyncDouble])
def test_async_double_subclass_is_a_coroutine_function(base):
    """A double of a subclass of the class reads as a coroutine function."""

    class Fetch(base):
        pass

    double = Fetch()

    assert inspect.iscoroutinefunction(double)
    assert double.__code__.co_flags == mock.AsyncMock().__code__.co_flags
    assert double.__code__ is double.__code__
    assert double.__code__ is not Fetch().__code__


@pytest.mark.parametrize("change", ["set", "delete"])
@pytest.mark.parametrize("cls", [mock.AsyncMock, AsyncDouble])
def test_async_double_member_class_of_its_own_reads_as_the_class(cls, change):
    """A member given a class of its own keeps the name, docstring and module."""
    parent = cls()
    member = parent.child
    before = type(member)

    if change == "set":
        member.__len__ = lambda self: 3
    else:
        del member.__getitem__

    klass = type(member)
    assert klass is not before or cls is mock.AsyncMock
    assert type(parent.other) is not klass
    assert (klass.__name__, klass.__doc__, klass.__module__) == (
        cls.__name__,
        cls.__doc__,
        cls.__module__,
    )


@pytest.mark.parametrize("cls", [mock.AsyncMock, AsyncDouble])
def test_async_double_class_of_a_double_builds_doubles(cls):
    """Calling a double's class builds another working double, as with AsyncMock."""
    double = cls()

    twin = type(double)(name="twin", return_value=1)
    plain = type(double)(name="plain")

    assert asyncio.run(twin()) == 1
    assert repr(plain).startswith(f"<{cls.__name__} name='plain'")
    plain.assert_not_called()


def test_sync_double_subclass_members_share_a_class_named_after_it():
    """The member doubles of a subclass share one class that reads as the subclass."""

    class Client(SyncDouble):
        pass

    double = Client()

    first, second = double.first, double.second

    assert type(first) is type(second)
    assert isinstance(first, Client)
    assert type(first).__qualname__ == Client.__qualname__


@pytest.mark.parametrize(
    "cls", [mock.MagicMock, SyncDouble, mock.AsyncMock, AsyncDouble]
)
def test_async_double_magic_method_read_on_its_class(cls):
    """``type(double).__str__`` is the double's own ``__str__``, as on a stdlib mock."""
    double = cls()
    member = cls().child
    member.__int__ = lambda self: 3

    type(double).__str__.return_value = "root"
    type(member).__str__.return_value = "member"

    assert (str(double), str(member), int(member)) == ("root", "member", 3)


@pytest.mark.parametrize("base", [mock.MagicMock, SyncDouble])
def test_sync_double_subclass_magic_methods_are_instances_of_it(base):
    """A magic method of a double of a subclass is an instance of the subclass."""

    class Foo(base):
        pass

    with Ledger() as ledger:
        foo = Foo()

        value = int(foo)

    assert isinstance(foo.__int__, Foo)
    assert isinstance(foo.child, Foo)
    assert value == 1
    assert len(ledger) == 0


def _real() -> str:
    return "real"


@pytest.mark.parametrize("cls", [SyncDouble, AsyncDouble])
def test_async_double_return_value_of_a_wrapping_double_reads_as_the_stdlib(cls):
    """Reading ``return_value`` of a wrapping double does what the stdlib's does."""
    expected = mock.MagicMock(wraps=_real)
    double = cls(wraps=_real)

    seen = [
        (m.return_value is mock.DEFAULT, m._mock_return_value)
        for m in (expected, double)
    ]

    assert seen[0][0] == seen[1][0]
    assert (seen[0][1] is mock.DEFAULT) == (seen[1][1] is mock.DEFAULT)
