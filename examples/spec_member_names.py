"""Spec members named like the short forms: the spec wins, fakes.on configures them."""

from __future__ import annotations

import asyncio

import fakes


class Alarm:
    """A client whose methods happen to share names with the double's short forms."""

    def __init__(self, zone: str) -> None:
        self.zone = zone

    async def when(self, event: str) -> float:
        raise NotImplementedError("asks the alarm server")

    async def raises(self, level: int) -> None:
        raise NotImplementedError("turns the siren up")

    def called(self) -> list[str]:
        raise NotImplementedError("reads the call log")


async def escalate(alarm: Alarm) -> str:
    """Code under test: raise the level when the break-in is due soon."""
    due = await alarm.when("break-in")
    if due < 60:
        await alarm.raises(3)
    return ", ".join(alarm.called())


async def main() -> None:
    alarm = fakes.async_double(Alarm)
    # alarm.when is the spec's when, so it is configured through fakes.on.
    fakes.on(alarm.when).returns(30.0)
    fakes.on(alarm.called).returns(["police", "owner"])

    log = await escalate(alarm)

    assert log == "police, owner"
    alarm.raises.assert_awaited_once_with(3)
    fakes.assert_awaited_in_order(alarm.when, alarm.raises)

    # The class double's own short forms are behind fakes.on(double).
    alarm_cls = fakes.async_double(Alarm, instance=False)
    fakes.on(alarm_cls).returns(alarm)
    assert alarm_cls("north") is alarm
    assert fakes.on(alarm_cls).called is True
    print(fakes.timeline())


if __name__ == "__main__":
    asyncio.run(main())
