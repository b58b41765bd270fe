"""Every exception and warning that ``fakes`` raises.

Assertion failures are ``AssertionError`` subclasses, so test runners show
them as failures; misuse raises ``TypeError``, ``ValueError`` or
``AttributeError`` subclasses. All share :class:`FakesError`.

Example:
    >>> import fakes
    >>> try:
    ...     fakes.async_double(42)
    ... except fakes.errors.FakesError as error:
    ...     print(type(error).__name__)
    SpecError
"""

from __future__ import annotations

__all__ = [
    "AwaitedSyncMemberError",
    "FakesAssertionError",
    "FakesAttributeError",
    "FakesError",
    "FakesTypeError",
    "FakesValueError",
    "FakesWarning",
    "GateError",
    "ProtocolMismatchError",
    "ScriptError",
    "ScriptExhaustedError",
    "SignatureMismatchError",
    "SpecError",
    "UnexpectedCallError",
    "UnknownAttributeError",
]


class FakesError(Exception):
    """Base class of every error raised by ``fakes``."""


class FakesAssertionError(FakesError, AssertionError):
    """A check about what the doubles saw failed."""


class FakesTypeError(FakesError, TypeError):
    """A double or helper was used with the wrong kind of value."""


class FakesValueError(FakesError, ValueError):
    """A double or helper was given a value it cannot use."""


class FakesAttributeError(FakesError, AttributeError):
    """An attribute that the double does not have was asked for."""


class SpecError(FakesTypeError):
    """Something that cannot be a spec was given as one."""


class SignatureMismatchError(FakesTypeError):
    """A double was called with arguments that do not fit its spec."""


class AwaitedSyncMemberError(FakesTypeError):
    """The result of a sync member was awaited as if the member were async."""


class UnknownAttributeError(FakesAttributeError):
    """The spec has no member of that name."""


class FakesWarning(UserWarning):
    """Something works, but probably not as the test intends."""


# Scripts, argument rules, gates and protocol doubles.


class ScriptExhaustedError(FakesAssertionError):
    """A double was awaited more times than its script has steps."""


class UnexpectedCallError(FakesAssertionError):
    """A double with argument rules was called with arguments no rule matches."""


class ScriptError(FakesValueError):
    """A script step or script cannot be used as given."""


class GateError(FakesValueError):
    """A gate was asked to do something it cannot do right now."""


class ProtocolMismatchError(FakesTypeError):
    """A protocol helper was used on a double that does not have that protocol."""
