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

from typing import Any

__all__ = [
    "AnswerError",
    "AwaitOrderError",
    "AwaitedSyncMemberError",
    "ConcurrencyError",
    "FakesAssertionError",
    "FakesAttributeError",
    "FakesError",
    "FakesTypeError",
    "FakesValueError",
    "FakesWarning",
    "GateError",
    "InterleavingError",
    "MatcherError",
    "NoProgressError",
    "NotAsyncTargetError",
    "NotAwaitableError",
    "NotAwaitedError",
    "NotCancelledError",
    "PatchAttributeError",
    "PatchImportError",
    "PatchOrderError",
    "PatchTargetError",
    "ProtocolMismatchError",
    "ReplayError",
    "ScriptError",
    "ScriptExhaustedError",
    "SharedTargetWarning",
    "SignatureMismatchError",
    "SpecError",
    "UnexpectedCallError",
    "UnknownAttributeError",
    "VerificationError",
    "VirtualTimeError",
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


class NotAwaitableError(FakesTypeError):
    """A double was awaited that its spec says is not awaitable."""


class AwaitedSyncMemberError(NotAwaitableError):
    """The result of a sync member was awaited as if the member were async."""


class UnknownAttributeError(FakesAttributeError):
    """The spec has no member of that name."""


class FakesWarning(UserWarning):
    """Something works, but probably not as the test intends."""


# Patching (patch_async).


class PatchTargetError(FakesValueError):
    """A ``patch_async`` target cannot be resolved or cannot be patched as asked.

    Raised as is for a malformed target or conflicting options; the two
    subclasses below are also the stdlib errors that ``unittest.mock.patch``
    raises in the same situations.
    """


class PatchImportError(PatchTargetError, ImportError):
    """The module of a ``patch_async`` target does not import."""


class PatchAttributeError(PatchTargetError, FakesAttributeError):
    """The attribute a ``patch_async`` target names does not exist."""


class NotAsyncTargetError(FakesTypeError):
    """The target is not async and has no async members: use ``mock.patch``."""


class PatchOrderError(FakesValueError):
    """Patches of one target were exited in another order than LIFO."""


class SharedTargetWarning(FakesWarning):
    """The patched attribute lives on a module that every module shares."""


# Virtual time (virtual_time).


class VirtualTimeError(FakesValueError):
    """Virtual time was used where it cannot work, or with a bad value."""


# Assertions over the ledger: order, concurrency, cancellation, verification


class AwaitOrderError(FakesAssertionError):
    """Awaits did not start (or complete) in the expected order."""


class ConcurrencyError(FakesAssertionError):
    """Awaits overlapped, or did not overlap, other than expected."""


class NotCancelledError(FakesAssertionError):
    """No await of a double was cancelled, though one was expected to be."""


class NotAwaitedError(FakesAssertionError):
    """A double was called, but the coroutine it returned never started."""


class VerificationError(FakesAssertionError):
    """``fakes.verify()`` found problems; the message lists every one."""


class MatcherError(FakesTypeError):
    """An argument matcher's ``__eq__`` raised while it was compared."""


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


# Schedule exploration (fakes.explore).


class InterleavingError(FakesAssertionError):
    """A run of ``fakes.explore`` failed under the schedule its message shows.

    The original failure is the ``__cause__``.

    Attributes:
        run: The number of the run that failed first.
        token: The replay token of the (shrunk) schedule:
            ``fakes.explore(replay=token)`` runs it again.
        seed: The seed of the exploration (``None`` for exhaustive or replay).
        schedule: ``(task, call)`` of each await of a double, in the order
            they completed in the shrunk schedule.
        first_schedule: The same for the run that failed first.
        choices: The shrunk schedule's choices (what the token holds).
        first_choices: The choices of the run that failed first.
        ledger: The ledger of the shrunk schedule's run.
    """

    run: int
    token: str
    seed: int | None
    schedule: list[tuple[str, str]]
    first_schedule: list[tuple[str, str]]
    choices: list[int]
    first_choices: list[int]
    ledger: Any


class NoProgressError(FakesAssertionError):
    """An explored run stopped making progress: every task waits for ever."""


class ReplayError(FakesValueError):
    """A replay token does not fit the scenario it was given to."""


class AnswerError(FakesTypeError):
    """An argument-aware answer cannot take the arguments of its member."""
