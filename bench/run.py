"""The speed benchmark of SPEC §7: whole-process medians as ratios to `python -c pass`.

    python bench/run.py [--runs 15] [--out bench/out]

It generates a ten-year journal and one a hundred times smaller, times each budgeted command
against both, and prints the median, the ratio to F (the interpreter's own start-up), the
budget, the growth from the small journal to the large one (must stay within 1.2x) and the
peak memory (RSS, must stay within 40 MiB). If jrnl is on PATH it times adding an entry to a
jrnl journal of the same size for comparison. Exit 1 when a budget is missed.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate

MENTORLOG = [str(Path(sys.executable).with_name("mentorlog"))]
BUDGETS = [  # (label, argv, budget as a multiple of F)
    ("--version", ["--version"], 4),
    ("todo add", ["todo", "add", "Benchmark todo", "--due", "fri"], 8),
    ("log (options)", ["log", "ada", "--notes", "bench", "--todo", "Follow up (due fri)"], 8),
    ("remind", ["remind"], 10),
    ("--help", ["--help"], 12),
    ("review", ["review", "ada"], 16),
]
MEMORY_MIB = 40
F_SECONDS = [1.0]  # set by main(): the interpreter's own start-up, for the jrnl figures
GROWTH = 1.2


SPAWN = Path(__file__).resolve().with_name("spawn.py")


def median_of(argv: list[str], env: dict, runs: int) -> tuple[float, float]:
    """Median seconds and the largest peak RSS (MiB) over ``runs`` runs, after one warm-up."""
    out = subprocess.run(
        [sys.executable, "-S", "-I", str(SPAWN), str(runs + 1), *argv],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    results = json.loads(out)[1:]
    if any(code not in (0, 1) for _, _, code in results):
        raise SystemExit(f"{' '.join(argv)} failed")
    return statistics.median(t for t, _, _ in results), max(m for _, m, _ in results)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    # Installed packages carry bytecode; an editable checkout may not (PYTHONDONTWRITEBYTECODE).
    compileall.compile_dir(Path(__file__).resolve().parents[1] / "src", quiet=1)
    work = Path(tempfile.mkdtemp(prefix="mentorlog-bench-"))
    # The journals sit where a user's would (no --db, no MENTORLOG_DB), so that finding the
    # default path (platformdirs) is part of what is measured.
    big, small = work / "big" / "mentorlog" / "journal.db", work / "small" / "mentorlog" / "journal.db"
    for path in (big, small):
        path.parent.mkdir(parents=True)
    print("generating:", generate(big, 1.0), "and", generate(small, 0.01))
    base_env = {k: v for k, v in os.environ.items() if not k.startswith(("MENTORLOG", "PYTHONDONTWRITE"))}
    base_env["NO_COLOR"] = "1"
    f, _ = median_of([sys.executable, "-c", "pass"], base_env, args.runs)
    F_SECONDS[0] = f
    print(f"F (python -c pass) = {f * 1000:.1f} ms\n")
    print(
        f"{'command':16} {'big ms':>8} {'× F':>6} {'budget':>7} {'small ms':>9} {'growth':>7} "
        f"{'MiB':>6}  verdict"
    )
    failed = False
    for label, argv, budget in BUDGETS:
        t_big, mem = median_of(MENTORLOG + argv, {**base_env, "XDG_DATA_HOME": str(work / "big")}, args.runs)
        t_small, _ = median_of(
            MENTORLOG + argv, {**base_env, "XDG_DATA_HOME": str(work / "small")}, args.runs
        )
        ratio, growth = t_big / f, t_big / t_small
        ok = ratio <= budget and growth <= GROWTH and mem <= MEMORY_MIB
        failed |= not ok
        print(
            f"{label:16} {t_big * 1000:8.1f} {ratio:6.1f} {budget:>6}× {t_small * 1000:9.1f} {growth:7.2f} "
            f"{mem:6.1f}  "
            f"{'ok' if ok else 'OVER'}"
        )
    if shutil.which("jrnl"):
        print()
        jrnl_compare(work, base_env, args.runs)
    else:
        print("\njrnl is not installed; `pip install jrnl` to compare with it.")
    shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


def jrnl_compare(work: Path, env: dict, runs: int) -> None:
    """Time jrnl 4 adding an entry to plain-text journals of 1,000 and 10,000 entries."""
    config = work / "jrnl.yaml"
    for n in (1_000, 10_000):
        journal = work / f"jrnl-{n}.txt"
        journal.write_text(
            "".join(f"[2020-01-01 10:{i % 60:02d}] Entry {i}\nSome text.\n\n" for i in range(n))
        )
        config.write_text(
            f"journals:\n  default: {journal}\nencrypt: false\ndefault_hour: 9\ndefault_minute: 0\n"
            "editor: ''\ntimeformat: '%Y-%m-%d %H:%M'\ntagsymbols: '@'\nhighlight: false\nlinewrap: 79\n"
            "indent_character: '|'\ncolors: {body: none, date: none, tags: none, title: none}\n"
            "version: v4.0\n"
        )
        t, mem = median_of(["jrnl", "--config-file", str(config), "A benchmark entry."], env, min(runs, 5))
        print(f"jrnl add at {n:,} entries: {t * 1000:.1f} ms ({t / F_SECONDS[0]:.1f} × F), {mem:.1f} MiB")


if __name__ == "__main__":
    raise SystemExit(main())
