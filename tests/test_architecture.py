"""The package's shape: shared helpers have one home, imports flow one way."""

from __future__ import annotations

import ast
import asyncio
import builtins
import contextlib
import graphlib
import importlib
import inspect
import re
import sys
import types
from pathlib import Path
from typing import Any

import trio

import fakes
from fakes import _behaviour, _hints, _runtime, _stdlib

if sys.version_info >= (3, 11):
    from builtins import BaseExceptionGroup, ExceptionGroup
else:  # trio depends on the backport before 3.11
    from exceptiongroup import BaseExceptionGroup, ExceptionGroup

_PACKAGE = Path(_stdlib.__file__).resolve().parent

#: Imports inside a function that the graph tests tolerate, as
#: ``(module, imported)`` pairs. Keep it empty: such an import hides a cycle.
_ALLOWED_LOCAL_IMPORTS: frozenset[tuple[str, str]] = frozenset()


def _module_name(path: Path) -> str:
    parts = path.relative_to(_PACKAGE).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(("fakes", *parts))


def _file_of(module: str) -> Path:
    path = _PACKAGE.joinpath(*module.split(".")[1:])
    return path / "__init__.py" if path.is_dir() else path.with_suffix(".py")


def _imported(node: ast.AST, known: set[str], package: str) -> list[str]:
    """The package modules an import statement names (``package``: its own)."""
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    elif isinstance(node, ast.ImportFrom):
        source = node.module or ""
        if node.level:
            base = package.split(".")[: len(package.split(".")) - node.level + 1]
            source = ".".join([*base, source] if source else base)
        # ``from fakes import _render`` names a module, ``from fakes._x import y``
        # names the module ``fakes._x``.
        names = [f"{source}.{alias.name}" for alias in node.names]
        names = [name if name in known else source for name in names]
    else:
        return []
    return [name for name in names if name in known]


def _graph() -> tuple[dict[str, set[str]], list[tuple[str, str]]]:
    """Every module's imports of the package, and those made inside a function."""
    paths = sorted(_PACKAGE.rglob("*.py"))
    known = {_module_name(path) for path in paths}
    graph: dict[str, set[str]] = {}
    local: list[tuple[str, str]] = []
    for path in paths:
        module = _module_name(path)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        graph[module] = set()
        functions = [
            node
            for node in ast.walk(tree)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
        ]
        inside = {id(node) for function in functions for node in ast.walk(function)}
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        for node in ast.walk(tree):
            for name in _imported(node, known, package):
                graph[module].add(name)
                if id(node) in inside:
                    local.append((module, name))
    return graph, local


def _leaves(graph: dict[str, set[str]]) -> set[str]:
    return {module for module, imports in graph.items() if not imports}


def import_table() -> str:
    """The import graph as a table of module, line count and imports."""
    graph, _ = _graph()
    rows = ["| module | lines | imports |", "|---|---|---|"]
    for module in sorted(graph):
        file = _file_of(module)
        lines = len(file.read_text(encoding="utf-8").splitlines())
        names = ", ".join(sorted(name.removeprefix("fakes.") for name in graph[module]))
        rows.append(f"| {module.removeprefix('fakes.')} | {lines} | {names or '-'} |")
    return "\n".join(rows)


def test_import_graph_has_no_cycles():
    """The package's modules import each other one way only."""
    graph, _ = _graph()

    sorter = graphlib.TopologicalSorter(graph)

    try:
        order = list(sorter.static_order())
    except graphlib.CycleError as error:
        raise AssertionError(f"import cycle: {' -> '.join(error.args[1])}") from None
    assert set(order) == set(graph)


def test_import_graph_has_no_function_level_imports():
    """No module imports one of the package's modules inside a function."""
    _, local = _graph()

    dodges = sorted(set(local) - _ALLOWED_LOCAL_IMPORTS)

    assert dodges == []


def test_import_graph_nothing_below_the_facade_imports_it():
    """Only the facade itself is ``fakes``; no module of the package imports it."""
    graph, _ = _graph()

    importers = sorted(name for name, imports in graph.items() if "fakes" in imports)

    assert importers == []


def _render_package(graph: dict[str, set[str]]) -> set[str]:
    return {
        module
        for module in graph
        if module == "fakes._render" or module.startswith("fakes._render.")
    }


def test_import_graph_render_package_imports_only_itself():
    """The message modules import nothing of the package outside their own."""
    graph, _ = _graph()
    render = _render_package(graph)

    outside = sorted(
        (module, imported) for module in render for imported in graph[module] - render
    )

    assert outside == []
    assert len(render) >= 10


#: The ledger's modules: the record path and what it is built from.
_LEDGER = {
    "fakes._event",
    "fakes._ledger",
    "fakes._ledger_bounded",
    "fakes._ledger_clock",
    "fakes._ledger_columns",
    "fakes._ledger_scope",
    "fakes._ledger_watch",
}


def test_import_graph_ledger_imports_only_leaf_modules():
    """The ledger's modules import only each other and modules that import nothing.

    The render package counts as one leaf: it imports only its own modules.
    """
    graph, _ = _graph()
    leaves = _leaves(graph) | _render_package(graph)

    above = sorted(
        (module, imported)
        for module in _LEDGER
        for imported in graph[module] - leaves - _LEDGER
    )
    imported = set().union(*(graph[module] for module in _LEDGER)) - _LEDGER

    assert above == []
    assert imported <= {"fakes.errors", "fakes._render", "fakes._runtime"}
    assert {"fakes._event", "fakes._ledger_scope"} <= _leaves(graph)


def test_import_graph_data_flows_spec_double_behaviour_ledger_assertions():
    """No layer imports one that comes after it in the flow of data."""
    graph, _ = _graph()
    spec = {
        "fakes._awaited",
        "fakes._hints",
        "fakes._kinds",
        "fakes._member",
        "fakes._return_hints",
        "fakes._signature_check",
        "fakes._spec",
    }
    behaviour = {"fakes._behaviour", "fakes._rules", "fakes._script", "fakes._gate"}
    assertions = {
        "fakes._cancelled",
        "fakes._concurrency",
        "fakes._in_flight",
        "fakes._items",
        "fakes._max_concurrency",
        "fakes._order",
        "fakes._timeline",
        "fakes._verify",
    }
    double = {
        "fakes._double.awaitable",
        "fakes._double",
        "fakes._double.configured",
        "fakes._double.construction",
        "fakes._double.double_classes",
        "fakes._double.doubles",
        "fakes._double.factory",
        "fakes._double.fastmock",
        "fakes._double.members",
        "fakes._double.not_awaitable",
        "fakes._double.object_doubles",
        "fakes._double.own_class",
        "fakes._double.recorder",
        "fakes._double.shared_class",
        "fakes._double.short_forms",
    }
    layers = {
        "spec": (spec, {*double, *behaviour, *_LEDGER, *assertions}),
        "behaviour": (behaviour, {*double, *spec, *assertions}),
        "assertions": (assertions, {*double, *spec, *behaviour}),
    }

    backwards = sorted(
        (module, imported)
        for modules, later in layers.values()
        for module in modules
        for imported in graph[module] & later
    )

    assert backwards == []


def test_import_graph_runtime_and_stdlib_seam_are_leaves():
    """The helpers every module shares import nothing of the package."""
    graph, _ = _graph()

    leaves = _leaves(graph)

    assert {
        "fakes._runtime",
        "fakes._stdlib",
        "fakes._hints",
        "fakes.errors",
        "fakes._double.state",
    } <= leaves


def _is_text(node: ast.expr) -> bool:
    """A string literal, an f-string, or text joined from them with ``+``."""
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.BinOp):
        return _is_text(node.left) or _is_text(node.right)
    return False


def _resolve(node: ast.expr, namespace: dict[str, Any]) -> Any:
    """The object a name or dotted attribute names in a module, if it can tell."""
    if isinstance(node, ast.Name):
        return namespace.get(node.id, vars(builtins).get(node.id))
    if isinstance(node, ast.Attribute):
        owner = _resolve(node.value, namespace)
        return getattr(owner, node.attr, None)
    return None


def _makes_exception(node: ast.expr, namespace: dict[str, Any]) -> bool:
    found = _resolve(node, namespace)
    if found is None:
        # A name the module does not bind at its top (a local class): judge
        # by the name, as exceptions are named.
        name = node.id if isinstance(node, ast.Name) else ast.unparse(node)
        return name.endswith(("Error", "Exception", "Warning"))
    return isinstance(found, type) and issubclass(found, BaseException)


def message_literals(source: str, namespace: dict[str, Any]) -> list[str]:
    """Exceptions and warnings made in ``source`` with text written in place."""
    found = []
    for node in ast.walk(ast.parse(source)):
        calls: list[ast.Call] = []
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            if _makes_exception(node.exc.func, namespace):
                calls.append(node.exc)
        elif isinstance(node, ast.Call) and ast.unparse(node.func).endswith("warn"):
            calls.append(node)
            made = [*node.args, *(keyword.value for keyword in node.keywords)]
            calls.extend(
                arg
                for arg in made
                if isinstance(arg, ast.Call) and _makes_exception(arg.func, namespace)
            )
        for call in calls:
            args = [*call.args, *(keyword.value for keyword in call.keywords)]
            if any(_is_text(arg) for arg in args):
                found.append(f"line {call.lineno}: {ast.unparse(call)}")
    return found


def test_message_literals_only_in_the_render_package():
    """No module outside the render package raises or warns with text of its own."""
    graph, _ = _graph()
    outside = sorted(set(graph) - _render_package(graph))

    found = {
        module: literals
        for module in outside
        if (
            literals := message_literals(
                _source_of(module), vars(importlib.import_module(module))
            )
        )
    }

    assert found == {}
    assert len(outside) >= 30


def test_message_literals_finds_raises_and_warnings_with_text():
    """Literal, f-string and joined text in a raise or a warning are found."""
    source = (
        "def f(x):\n"
        "    raise ValueError('bad')\n"
        "    raise errors.FakesTypeError(f'bad {x}')\n"
        "    raise LocalError('a' + x)\n"
        "    raise TypeError(_render.bad(x))\n"
        "    raise _build('awaited', x)\n"
        "    raise TypeError\n"
        "    warnings.warn('slow', stacklevel=2)\n"
        "    warnings.warn(UserWarning(f'{x}'))\n"
        "    warnings.warn(_render.slow(x), UserWarning)\n"
    )
    namespace: dict[str, Any] = {"errors": fakes.errors, "_build": print}

    found = message_literals(source, namespace)

    assert found == [
        "line 2: ValueError('bad')",
        "line 3: errors.FakesTypeError(f'bad {x}')",
        "line 4: LocalError('a' + x)",
        "line 8: warnings.warn('slow', stacklevel=2)",
        "line 9: UserWarning(f'{x}')",
    ]


def test_import_graph_only_runtime_looks_trio_up():
    """trio is looked up by name in one module only."""
    graph, _ = _graph()

    lookups = sorted(
        module
        for module in graph
        if module != "fakes._runtime"
        and 'sys.modules.get("trio")' in _source_of(module)
    )

    assert lookups == []


#: ``_fakes_*`` and ``_mock_*`` names that modules outside the double's
#: package may use, each with why it is not a double's state.
_NOT_DOUBLE_STATE: dict[tuple[str, str], str] = {
    **{
        (module, "_fakes_label"): "a method: the dotted name of anything the "
        "ledger and messages name (doubles, context and iterator doubles, events)"
        for module in (
            "fakes._answers",
            "fakes._async_context",
            "fakes._async_gen",
            "fakes._async_iter",
            "fakes._builders",
            "fakes._context_protocol",
            "fakes._gate",
            "fakes._items",
            "fakes._ledger",
            "fakes._ledger_columns",
            "fakes._member",
            "fakes._patching.patcher",
            "fakes._rules",
            "fakes._self_iter",
            "fakes._unused",
        )
    },
    **{
        (module, "_fakes_not_awaitable"): "a method: what awaiting a context "
        "or iterator double raises (see fakes._double.not_awaitable)"
        for module in ("fakes._async_context", "fakes._async_iter")
    },
    ("fakes._spec", "_fakes_known"): "set on spec classes, not on doubles",
    ("fakes._schedule", "_fakes_tasks"): "an attribute of its own event loop",
    ("fakes._schedule", "_fakes_threads"): "an attribute of its own event loop",
    ("fakes._schedule", "_fakes_thread_done"): "a method of its own event loop",
    ("fakes._unittest", "_fakes_verify"): "a method of the TestCase mixin",
    ("fakes.pytest_plugin", "_fakes_virtual_time_marker"): "a fixture's name",
}


def _state_names(tree: ast.AST) -> set[str]:
    """The ``_fakes_*``/``_mock_*``/``_spec_*`` names a module uses."""
    pattern = re.compile(r"_(fakes|mock|spec)_\w+")
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            names = [node.attr]
        elif isinstance(node, ast.Name):
            names = [node.id]
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            names = [node.name]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            names = [node.value]
        else:
            continue
        found.update(name for name in names if pattern.fullmatch(name))
    return found


def test_double_state_only_the_double_package_and_stdlib_seam_name_it():
    """No module outside ``fakes._double`` and ``_stdlib`` names a double's keys.

    The stdlib's own keys of a mock (``_mock_*``, ``_spec_*``) included.
    """
    graph, _ = _graph()
    own = {"fakes._stdlib"} | {
        module for module in graph if module.startswith("fakes._double")
    }

    used = {
        (module, name)
        for module in set(graph) - own
        for name in _state_names(ast.parse(_source_of(module)))
    }

    assert sorted(used - _NOT_DOUBLE_STATE.keys()) == []
    assert sorted(_NOT_DOUBLE_STATE.keys() - used) == []  # no stale reasons


def test_double_state_names_finds_keys_attributes_and_methods():
    """The check sees a key, an attribute and a method definition."""
    source = (
        "x.__dict__['_mock_wraps']\n"
        "x.__dict__.get('_spec_signature')\n"
        "y._fakes_member\n"
        "def _fakes_run(): 'docs about _fakes_run'\n"
        "z.plain_mock_item\n"
    )

    names = _state_names(ast.parse(source))

    assert names == {"_mock_wraps", "_spec_signature", "_fakes_member", "_fakes_run"}


def _source_of(module: str) -> str:
    return _file_of(module).read_text(encoding="utf-8")


def test_is_exception_instances_and_classes():
    """An exception instance or class is one; other values and classes are not."""
    values: list[Any] = [ValueError("x"), KeyError, asyncio.CancelledError, 1, int]

    verdicts = [_stdlib.is_exception(value) for value in values]

    assert verdicts == [True, True, True, False, False]


def test_is_cancellation_asyncio_trio_and_closed_coroutine():
    """asyncio's CancelledError, trio's Cancelled and GeneratorExit cancel an await."""
    seen: list[BaseException] = []

    async def cancelled() -> None:
        with trio.CancelScope() as scope:
            scope.cancel()
            try:
                await trio.sleep(1)
            except trio.Cancelled as error:
                seen.append(error)
                raise

    trio.run(cancelled)
    errors = [asyncio.CancelledError(), seen[0], GeneratorExit(), KeyboardInterrupt()]

    verdicts = [_runtime.is_cancellation(error) for error in errors]

    assert verdicts == [True, True, True, False]


def test_is_interruption_alone_and_in_groups():
    """Cancellation, KeyboardInterrupt and SystemExit interrupt, also inside a group."""
    errors: list[BaseException] = [
        KeyboardInterrupt(),
        SystemExit(1),
        asyncio.CancelledError(),
        BaseExceptionGroup("g", [ValueError(), asyncio.CancelledError()]),
        ExceptionGroup("g", [ValueError(), KeyError()]),
        ValueError(),
    ]

    verdicts = [_runtime.is_interruption(error) for error in errors]

    assert verdicts == [True, True, True, True, False, False]


def test_interruption_class_trio_cancelled_and_others():
    """trio.Cancelled and the interruption classes are interruptions; others not."""
    classes: list[type] = [trio.Cancelled, asyncio.CancelledError, SystemExit, OSError]

    verdicts = [_runtime.interruption_class(cls) for cls in classes]

    assert verdicts == [True, True, True, False]


def test_running_trio_only_inside_a_trio_task():
    """trio is the running library inside trio.run, and not under asyncio."""

    async def under_trio() -> Any:
        return _runtime.running_trio()

    async def under_asyncio() -> Any:
        return _runtime.running_trio()

    found = [trio.run(under_trio), asyncio.run(under_asyncio())]
    found.append(_runtime.running_trio())

    assert found == [trio, None, None]


def test_describes_shape_generic_classes_only():
    """Classes of the generic modules describe a shape; a user's class does not."""

    class Session:
        pass

    classes: list[Any] = [
        int,
        Any,
        contextlib.AbstractAsyncContextManager,
        types.SimpleNamespace,
        Session,
        asyncio.Lock,
    ]

    verdicts = [_hints.describes_shape(cls) for cls in classes]

    assert verdicts == [True, True, True, True, False, False]


def test_describes_shape_values_of_stdlib_helpers_still_get_doubles():
    """A spec's AsyncExitStack value gets an object double, unlike its annotation."""

    class Service:
        stack = contextlib.AsyncExitStack()

    double = fakes.async_double(Service)

    assert type(double.stack).__name__ == "ObjectDouble[AsyncExitStack]"
    assert _hints.describes_shape(contextlib.AsyncExitStack)


def _behaviour_classes() -> list[type]:
    """Every class of the package that implements part of the behaviour interface."""
    parts = ("call_sync", "without_defaults", "configurable")
    found = []
    for module in sorted(_graph()[0]):
        loaded = importlib.import_module(module)
        for value in vars(loaded).values():
            if (
                isinstance(value, type)
                and value.__module__ == module
                and value is not _behaviour.DoubleBehaviour
                and any(part in vars(value) for part in parts)
            ):
                found.append(value)
    return found


def test_double_behaviour_every_implementation_is_complete():
    """Each behaviour class has every method of the DoubleBehaviour protocol."""
    methods = ("__call__", "call_sync", "without_defaults", "configurable")

    missing = {
        cls.__qualname__: [name for name in methods if not hasattr(cls, name)]
        for cls in _behaviour_classes()
    }

    assert len(missing) >= 7
    assert {name: gaps for name, gaps in missing.items() if gaps} == {}
    calls = [cls.__call__ for cls in _behaviour_classes()]
    assert all(inspect.iscoroutinefunction(call) for call in calls)


def _behaviour_assignments(tree: ast.AST) -> list[int]:
    """The lines that assign an attribute named ``behaviour``."""
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign)):
            targets = [node.target]
        else:
            continue
        for target in targets:
            for part in ast.walk(target):
                if isinstance(part, ast.Attribute) and part.attr == "behaviour":
                    lines.append(node.lineno)
    return lines


def test_double_behaviour_set_only_through_set_behaviour():
    """Outside ``_behaviour``, only ``set_behaviour`` sets a double's behaviour."""
    graph, _ = _graph()

    found = {
        module: _behaviour_assignments(ast.parse(_source_of(module)))
        for module in sorted(set(graph) - {"fakes._behaviour"})
    }

    assert {module: lines for module, lines in found.items() if lines} == {}


def test_double_behaviour_assignments_finds_each_form():
    """The check sees a plain, an annotated, a tuple and a chained assignment."""
    source = (
        "state_of(d).behaviour = hook\n"
        "own.behaviour: Any = hook\n"
        "own.behaviour, x = hook, 1\n"
        "a = own.behaviour = hook\n"
        "hook = own.behaviour\n"
    )

    lines = _behaviour_assignments(ast.parse(source))

    assert lines == [1, 2, 3, 4]


if __name__ == "__main__":
    print(import_table())


class _Session:
    async def __aenter__(self) -> _Session: ...

    async def __aexit__(self, *exc: object) -> None: ...

    async def fetch(self, key: str) -> int: ...

    async def rows(self) -> Any:
        yield 1

    def close(self) -> None: ...


def test_double_state_is_one_key_of_each_double():
    """Configured, called, entered and iterated, a double keeps one key of its own."""
    session = fakes.async_double(_Session, name="session")
    session.fetch.when("a").returns(1)
    session.rows.yields(1, 2)
    session.enters(session)

    async def use() -> list[Any]:
        async with session as entered:
            found = [await entered.fetch("a")]
            found.extend([item async for item in entered.rows()])
        entered.close()
        return found

    result = asyncio.run(use())
    doubles = [session, session.fetch, session.rows, session.close]
    keys = sorted(
        {key for d in doubles for key in vars(d) if key.startswith("_fakes_")}
    )

    assert result == [1, 1, 2]
    assert keys == ["_fakes_state"]
