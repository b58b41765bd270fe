"""Code both type checkers must reject: patch_async's keywords are typed.

Every case ends with the error each checker must report there (see
reject_on.py). The cases are function bodies, checked but never run.
"""

from __future__ import annotations

import fakes


class Recorder:
    pass


def new_callable_gives_its_own_type() -> str:
    with fakes.patch_async("pkg.mod.fetch", new_callable=Recorder) as made:
        return made  # type: ignore[return-value]  # pyright: ignore[reportReturnType]


def side_effect_is_a_function_an_exception_or_values() -> None:
    fakes.patch_async("pkg.mod.fetch", side_effect=42)  # type: ignore[call-overload]  # pyright: ignore[reportArgumentType]


def object_side_effect_is_typed_too() -> None:
    fakes.patch_async.object(fakes, "on", side_effect=3.5)  # type: ignore[call-overload]  # pyright: ignore[reportArgumentType]
