"""What strict verification asks at the end of a test: the ledger's watched objects.

Gates, argument rules and other stateful behaviour register themselves
(``watch``); a double registers, weakly, the first time it is configured
(``watch_double``), so that configuration it never used is reported. A
ledger forgets the freed doubles now and then, so that the default ledger of
a long-lived process does not grow with every double ever configured.
"""

from __future__ import annotations

import threading
import weakref
from typing import Any

from fakes._ledger_columns import LedgerColumns

__all__ = ["WATCH_LIMIT", "LedgerWatch"]

#: How many doubles a ledger watches before the freed ones are forgotten.
WATCH_LIMIT = 1024
_forgetting = threading.Lock()
_weak = weakref.ref


class LedgerWatch(LedgerColumns):
    """The watched objects of :class:`fakes.Ledger`: registering and reading them."""

    __slots__ = ()

    def watch(self, item: Any) -> None:
        """Register an object whose ``problems()`` strict verification asks.

        Gates, argument rules and other stateful behaviour register here when
        they are created, so that ``fakes.verify()`` can report a gate that
        still holds awaits or a rule that was never used.
        """
        with self._lock:
            self._watched.append(item)

    def watch_double(self, double: Any) -> int:
        """Hold ``double`` weakly so that strict verification can ask about it.

        A double registers here the first time it is configured in this
        ledger (``returns()``, ``script()``, ...), so that configuration it
        never used is reported. Weakly: a double that is gone can no longer
        be called, and the ledger must not keep it alive. No lock: a list
        append is atomic, and ``clear()`` swaps the list whole.

        Returns:
            The ledger's serial number, which the double keeps to know where
            it is registered: a number, because a reference to the ledger
            would keep it (and every event in it) alive as long as the
            double, and doubles, like all mocks, live in reference cycles
            that only the garbage collector frees.

        Example:
            >>> import fakes
            >>> with fakes.Ledger() as ledger:
            ...     fetch = fakes.async_double(name="fetch").returns(1)
            >>> ledger.watched_doubles() == [fetch]
            True
        """
        refs = self._watched_doubles
        refs.append(_weak(double))
        if len(refs) >= self._watch_limit:
            self._forget_freed_doubles()
        return self.serial

    def _forget_freed_doubles(self) -> None:
        """Drop the references to freed doubles, so that the list stays small.

        A long-lived process configures doubles in the default ledger for
        as long as it runs. The live references are gathered outside the
        lock (gathering allocates, which may run the collector and a
        finaliser that records here); under it, the part gathered is
        replaced in place, which frees only weak references and runs no
        Python code.
        """
        if not _forgetting.acquire(blocking=False):
            return  # another thread is at it: only appends happen meanwhile
        try:
            refs = self._watched_doubles
            size = len(refs)
            live = [ref for ref in refs[:size] if ref() is not None]
            with self._lock:
                refs[:size] = live
                self._watch_limit = max(WATCH_LIMIT, 2 * len(refs))
        finally:
            _forgetting.release()

    def watched(self) -> list[Any]:
        """The objects registered with :meth:`watch`, in order."""
        with self._lock:
            watched, size = self._watched, len(self._watched)
        # Copied after the lock (see columns()); the list only grows.
        return watched[:size]

    def watched_doubles(self) -> list[Any]:
        """The doubles registered with :meth:`watch_double` that still live."""
        with self._lock:
            refs, size = self._watched_doubles, len(self._watched_doubles)
        doubles = (ref() for ref in refs[:size])
        return [double for double in doubles if double is not None]
