"""How the double classes reach the code that builds doubles.

A double class builds doubles when it is used: a spec'd member's default
result, the double of a member on first access, the instance a class double
returns. The code that builds them needs the classes, so the classes cannot
import it: ``members`` fills ``BUILD`` once, when it is imported (the
package imports it before any double exists), and the classes call through
it. The import graph stays one way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["BUILD", "Construction"]


def _not_installed(*args: Any, **kwargs: Any) -> Any:
    # Only reachable if ``fakes._double.members`` was never imported, which importing
    # any module of the package does through ``fakes/__init__.py``.
    raise NotImplementedError


class Construction:
    """The builders the double classes call, set once by ``members``.

    Example:
        >>> from fakes._double.construction import BUILD
        >>> callable(BUILD.member_double) and callable(BUILD.object_double)
        True
    """

    __slots__ = ("default_result", "member_double", "object_double")

    def __init__(self) -> None:
        #: ``default_result(double, member)``: what a spec'd member returns
        #: until configured.
        self.default_result: Callable[..., Any] = _not_installed
        #: ``member_double(member, parent, attribute)``: the double (or the
        #: constant) of one member of a spec.
        self.member_double: Callable[..., Any] = _not_installed
        #: ``object_double(target, label=None, *, parent=None, ...)``: an
        #: instance double of a class or an object.
        self.object_double: Callable[..., Any] = _not_installed

    def install(
        self,
        *,
        default_result: Callable[..., Any],
        member_double: Callable[..., Any],
        object_double: Callable[..., Any],
    ) -> None:
        """Set the builders (``members`` does, once, at import)."""
        self.default_result = default_result
        self.member_double = member_double
        self.object_double = object_double


#: The one set of builders every double class uses.
BUILD = Construction()
