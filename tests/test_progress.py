"""Progress: plain lines with rate and ETA off a terminal, throttled; silent for short work and with --quiet."""

from __future__ import annotations

import io

from newsprism._console import Console
from newsprism._progress import PLAIN_EVERY_SECONDS, PlainProgress


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_plain_progress_reports_rate_and_eta_at_most_every_interval():
    clock, out = Clock(), io.StringIO()
    bar = PlainProgress("ingesting", 100, out, clock)
    for _ in range(20):
        clock.now += 1.0
        bar()
    bar.finish()
    lines = out.getvalue().splitlines()
    assert len(lines) == 20 // int(PLAIN_EVERY_SECONDS) + 1
    assert lines[0] == "ingesting: 10/100 (1.0/s, 0m10s elapsed, ETA 1m30s)"
    assert lines[-1] == "ingesting: 20/100 (1.0/s, 0m20s elapsed, ETA 1m20s)"


def test_plain_progress_takes_counts_and_learns_total():
    clock, out = Clock(), io.StringIO()
    bar = PlainProgress("analysing", None, out, clock)
    clock.now += PLAIN_EVERY_SECONDS
    bar(completed=50, total=200)
    assert out.getvalue() == f"analysing: 50/200 (5.0/s, 0m{PLAIN_EVERY_SECONDS:02.0f}s elapsed, ETA 0m30s)\n"


def test_plain_progress_is_silent_for_short_work():
    out = io.StringIO()
    bar = PlainProgress("ingesting", 3, out, Clock())
    for _ in range(3):
        bar()
    bar.finish()
    assert out.getvalue() == ""


def test_console_progress_quiet_and_in_pipes(capsys):
    with Console(quiet=True).progress("x", 2) as advance:
        advance()
        advance(completed=2, total=2)
    assert list(Console().track(iter([1, 2, 3]), "counting", total=3)) == [1, 2, 3]
    assert capsys.readouterr().err == ""
