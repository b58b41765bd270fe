"""Reading annotations: strings, ``Optional``, ``Self`` and generic parameters.

A spec's annotations say what a member returns and what an attribute holds.
They are read the way a type checker reads them, one annotation at a time
and only when a member is first used: a string (``from __future__ import
annotations``, or a quoted ``-> "RequestCM"``) is evaluated in the defining
module; ``Session | None`` and ``Optional[Session]`` mean ``Session``;
``Self`` and a self-typed ``TypeVar`` mean the spec's own class; a generic
class's parameters are substituted. Nothing here ever raises: an annotation
that cannot be resolved (a name local to a function) reads as unknown, and
the caller falls back to what the raw annotation says.

What a function's annotations say it returns or enters is read with these
in ``fakes._return_hints``.
"""

from __future__ import annotations

import builtins
import sys
import types
import typing
import weakref
from collections import ChainMap
from collections.abc import Mapping
from typing import Any

import typing_extensions

__all__ = [
    "MISSING",
    "Scope",
    "class_of",
    "describes_shape",
    "hint",
    "scope_of_class",
    "scope_of_function",
]

#: Marks an annotation that is absent or says nothing useful.
MISSING: Any = object()

# Classes from these modules describe a shape, not an object worth a double.
_GENERIC_MODULES = frozenset(
    {
        "builtins",
        "typing",
        "typing_extensions",
        "collections.abc",
        "contextlib",
        "abc",
        "types",
    }
)


def describes_shape(cls: Any) -> bool:
    """Whether ``cls`` describes a shape rather than an object worth a double.

    Builtins, typing's and the abstract collections' classes, context
    manager helpers: an annotation naming one says nothing about a double
    to build, and a value of one is used as it is.
    """
    return getattr(cls, "__module__", None) in _GENERIC_MODULES


_SELF_FORMS = tuple(
    {id(form) for form in (getattr(typing, "Self", None), typing_extensions.Self)}
    - {id(None)}
)
_UNIONS = (typing.Union, types.UnionType)
_WRAPPERS = (typing.ClassVar, typing.Final, typing_extensions.Annotated)


class Scope:
    """Where an annotation's names are looked up, and what ``Self`` means.

    Names are looked up as Python does (a class body, then the module, then
    builtins), and last among the spec's own class and its bases, so that a
    class defined in a function still finds itself.

    Args:
        globalns: The defining module's namespace.
        localns: A class body's names, which come first.
        owner: The spec's class (for ``Self``), if any.
    """

    __slots__ = ("globalns", "localns", "owner")

    def __init__(
        self,
        globalns: dict[str, Any],
        localns: Mapping[str, Any],
        owner: type | None,
    ) -> None:
        self.globalns = globalns
        self.localns = ChainMap(localns, globalns, _class_names(owner))  # type: ignore[arg-type]
        self.owner = owner

    def resolve(self, value: Any) -> Any:
        """``value`` with strings and forward references evaluated, layer by layer.

        A string may name a forward reference or another string; twenty
        layers are followed at most, so a name that refers to itself ends.
        """
        for _ in range(20):
            if isinstance(value, str):
                value = self.evaluate(value)
            elif isinstance(value, typing.ForwardRef):
                value = self.evaluate(value.__forward_arg__)
            else:
                break
        return value

    def evaluate(self, text: str) -> Any:
        """The object a string annotation names, or ``MISSING``."""
        if text.isidentifier():
            # The common case: one name, looked up without compiling anything.
            if text == "None":
                return None
            if text in self.localns:
                return self.localns[text]
            return getattr(builtins, text, MISSING)
        try:
            return eval(text, self.globalns, self.localns)
        except Exception:  # a name local to a function, or a broken annotation
            return MISSING


# Classes defined in a function, by the function that defined them. A string
# annotation naming one (``session: "Session"`` under ``from __future__
# import annotations``) cannot be looked up in any module once the function
# has returned, so the classes of the frame that builds a double of a local
# class are remembered here, weakly: a class that goes is forgotten.
_LOCAL_CLASSES: dict[tuple[str, str], weakref.WeakValueDictionary[str, type]] = {}


def _local_scope(cls: Any) -> tuple[str, str] | None:
    """``(module, function qualname)`` of a class defined in a function."""
    qualname = getattr(cls, "__qualname__", None)
    if not isinstance(qualname, str):
        return None
    function, local, _ = qualname.rpartition(".<locals>.")
    if not local:
        return None
    return (str(getattr(cls, "__module__", "")), function)


def remember_local_classes(cls: Any, frame: types.FrameType | None) -> None:
    """Remember the classes of ``frame`` if it is the function that made ``cls``.

    Another frame's locals are not read: reading them would keep its
    objects alive as long as it runs (before Python 3.13), and the classes
    an annotation of ``cls`` can name are those of its own function.
    """
    scope = _local_scope(cls)
    if scope is None or frame is None:
        return
    code = frame.f_code
    own = getattr(code, "co_qualname", code.co_name)  # 3.10 has no co_qualname
    if scope[1] != own and not scope[1].endswith("." + own):
        return
    for name, value in list(frame.f_locals.items()):
        if isinstance(value, type) and _local_scope(value) == scope:
            known = _LOCAL_CLASSES.setdefault(scope, weakref.WeakValueDictionary())
            known[name] = value


def is_local_class(cls: Any) -> bool:
    """Whether ``cls`` is a class defined in a function."""
    return _local_scope(cls) is not None


def _class_names(owner: type | None) -> dict[str, Any]:
    """Names a class defined in a function can see: its siblings, its bases.

    The spec's class and its bases always find themselves; the classes of
    the function that defined it are known once a double of one was built
    in that function (see :func:`remember_local_classes`).
    """
    if owner is None:
        return {}
    names: dict[str, Any] = {}
    scope = _local_scope(owner)
    if scope is not None:
        names.update(_LOCAL_CLASSES.get(scope, {}))
    for klass in reversed(owner.__mro__[:-1]):
        names[klass.__name__] = klass
    return names


def scope_of_function(func: Any, owner: type | None = None) -> Scope:
    """The scope of a function's annotations (unwrapping decorators)."""
    inner = func
    for _ in range(100):  # a cycle of __wrapped__ must not hang
        wrapped = getattr(inner, "__dict__", {}).get("__wrapped__")
        if wrapped is None:
            break
        inner = wrapped
    globalns = getattr(inner, "__globals__", None)
    if not isinstance(globalns, dict):
        module = sys.modules.get(getattr(inner, "__module__", None) or "")
        globalns = vars(module) if module is not None else {}
    return Scope(globalns, {}, owner)


def scope_of_class(klass: type, owner: type | None = None) -> Scope:
    """The scope of the annotations in ``klass``'s body."""
    module = sys.modules.get(klass.__module__)
    globalns = vars(module) if module is not None else {}
    return Scope(globalns, vars(klass), owner or klass)


def hint(annotations: Any, key: str, scope: Scope) -> Any:
    """The annotation ``key`` of an ``__annotations__`` dict, strings evaluated.

    Returns:
        The annotation; the string itself when it cannot be evaluated;
        ``MISSING`` when there is none.
    """
    if not isinstance(annotations, dict) or key not in annotations:
        return MISSING
    value = annotations[key]
    # A quoted annotation under ``from __future__ import annotations`` is a
    # string whose value is a string.
    for _ in range(3):
        if not isinstance(value, str):
            break
        resolved = scope.evaluate(value)
        if resolved is MISSING:
            break
        value = resolved
    return value


def _is_self(value: Any) -> bool:
    return id(value) in _SELF_FORMS


def class_of(value: Any, scope: Scope, params: Mapping[Any, Any] | None = None) -> Any:
    """The class an annotation stands for, ``None`` for ``None``.

    ``Session | None``, ``Optional["Session"]``, ``Annotated[Session, ...]``
    and ``ClassVar[Session]`` give ``Session``; ``Self`` gives the scope's
    owner; a ``TypeVar`` gives what ``params`` maps it to; ``Repo[int]``
    gives ``Repo``.

    Returns:
        A class, ``None``, or ``MISSING`` when nothing useful is known.
    """
    for _ in range(20):  # each step unwraps one layer; no annotation is deeper
        if isinstance(value, str):
            value = scope.evaluate(value)
        elif isinstance(value, typing.ForwardRef):
            value = scope.evaluate(value.__forward_arg__)
        elif value is None or value is type(None):
            return None
        elif _is_self(value):
            return scope.owner if scope.owner is not None else MISSING
        elif isinstance(value, typing.TypeVar):
            if params is None or value not in params:
                return MISSING
            value = params[value]
            params = None
        else:
            origin = typing.get_origin(value)
            if origin in _UNIONS:
                arms = [arm for arm in typing.get_args(value) if arm is not type(None)]
                if len(arms) != 1:
                    return MISSING
                value = arms[0]
            elif origin in _WRAPPERS:
                value = typing.get_args(value)[0]
            else:
                value = origin or value
                if isinstance(value, type) and not describes_shape(value):
                    return value
                return MISSING
    return MISSING
