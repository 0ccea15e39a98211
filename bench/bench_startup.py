"""Cold start of the command line: `newsprism --help`, `compare` of the two example files, and `serve` until it
answers on 127.0.0.1 (then killed). Each figure is the median wall time of N fresh processes.

Run: python bench/bench_startup.py [--runs 5] [--baseline REV]. With --baseline, the same commands also run on
the package as it was at git revision REV (exported to a temporary folder, nothing in the checkout changes),
in alternation with the current one, so both see the same machine load; the ratio is what to read on a busy
machine.
"""

from __future__ import annotations

import argparse
import os
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
COMPARE_FILES = ("harbour-bridge-valeport-courier.txt", "harbour-bridge-eastbank-gazette.html")
SERVE_TIMEOUT_S = 120.0
POLL_S = 0.05


def _command(src: Path) -> list[str]:
    """The `newsprism` entry point run from one source tree."""
    code = f"import sys; sys.path.insert(0, {str(src)!r}); from newsprism.cli import main; main()"
    return [sys.executable, "-c", code]


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(src: Path, args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one fresh process."""
    started, cpu = time.perf_counter(), _cpu()
    subprocess.run([*_command(src), *args], check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started, _cpu() - cpu


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _serve(src: Path, env: dict[str, str], db: Path) -> tuple[float, float]:
    """(wall, CPU) seconds from start until GET /api/health answers; the server is killed in every case."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}/api/health"
    started, cpu = time.perf_counter(), _cpu()
    process = subprocess.Popen(
        [*_command(src), "serve", "--host", "127.0.0.1", "--port", str(port), "--db", str(db)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while time.perf_counter() - started < SERVE_TIMEOUT_S:
            if process.poll() is not None:
                raise RuntimeError(f"serve exited with code {process.returncode}")
            try:
                with urllib.request.urlopen(url, timeout=1.0):
                    wall = time.perf_counter() - started
                    break
            except OSError:
                time.sleep(POLL_S)
        else:
            raise RuntimeError(f"serve did not answer within {SERVE_TIMEOUT_S:.0f} s")
    finally:
        process.kill()
        process.wait()
    return wall, _cpu() - cpu


def _measure(src: Path, folder: Path) -> dict[str, tuple[float, float]]:
    env = {**os.environ, "NEWSPRISM_DB": str(folder / "bench.db")}
    files = [str(EXAMPLES / name) for name in COMPARE_FILES]
    return {
        "help": _run(src, ["--help"], env),
        "compare": _run(src, ["compare", *files, "--format", "json"], env),
        "serve": _serve(src, env, folder / "serve.db"),
    }


def _export(revision: str, folder: Path) -> Path:
    """The `src` tree of a revision, unpacked into `folder` (git archive: read-only on the checkout)."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", revision, "src"], check=True, capture_output=True)
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    return folder / "src"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="fresh processes per command (median reported)")
    parser.add_argument("--baseline", help="git revision to measure alongside the current tree")
    parser.add_argument("--current", help="git revision to measure instead of the working tree (others' edits)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        trees = {"current": ROOT / "src"}
        if args.current:
            (folder / "new").mkdir()
            trees = {f"current {args.current}": _export(args.current, folder / "new")}
        if args.baseline:
            (folder / "old").mkdir()
            trees = {f"baseline {args.baseline}": _export(args.baseline, folder / "old"), **trees}
        times: dict[str, dict[str, list[tuple[float, float]]]] = {name: {} for name in trees}
        for _ in range(args.runs):
            for name, src in trees.items():
                for command, seconds in _measure(src, folder).items():
                    times[name].setdefault(command, []).append(seconds)
    print(f"cpus={os.cpu_count()} runs={args.runs} load={os.getloadavg()[0]:.1f}: median wall (CPU) seconds")
    medians = {
        name: {c: tuple(statistics.median(x[i] for x in runs) for i in (0, 1)) for c, runs in by_command.items()}
        for name, by_command in times.items()
    }
    for name, by_command in medians.items():
        print(f"{name:>22}: " + "  ".join(f"{c}={w:.2f}s ({u:.2f}s)" for c, (w, u) in by_command.items()))
    if args.baseline:
        old, new = medians[f"baseline {args.baseline}"], medians[next(reversed(trees))]
        ratios = "  ".join(f"{c}={old[c][0] / new[c][0]:.1f}x ({old[c][1] / new[c][1]:.1f}x)" for c in new)
        print(f"{'speed-up':>22}: {ratios}")


if __name__ == "__main__":
    main()
