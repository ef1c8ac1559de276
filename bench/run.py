"""The speed benchmark of SPEC §7: whole-process medians against F = `python -c pass`.

Reproduce, from the repository root with the project's virtualenv (`.venv/bin/python`):

    .venv/bin/python bench/run.py                        # 0.01x and 1x (ten years), 15 runs each
    .venv/bin/python bench/run.py --scales 0.01,1,10     # and a century (10x): takes minutes
    .venv/bin/python bench/run.py --out bench/out        # also write results.json and results.md
    .venv/bin/python bench/run.py --only remind,review   # some commands only (label substrings)
    python3 -m venv /tmp/jrnl-venv && /tmp/jrnl-venv/bin/pip install jrnl
    .venv/bin/python bench/run.py --jrnl /tmp/jrnl-venv  # jrnl side by side (or jrnl on PATH)
    .venv/bin/python bench/generate.py /tmp/j.db --scale 1 --check   # just a journal to look at

It measures the code of the checkout it sits in: the virtualenv's `mentorlog` entry point (or
`python -m mentorlog` when there is none) with PYTHONPATH=<checkout>/src; `--installed` measures
whatever the entry point imports instead. Exit 1 when a budget is missed.

How. For each scale (1 = ten years: 500 meetings, 5,000 todos, 5,000 advice and their
applications, 100,000 note lines; 0.01 a hundred times smaller; 10 a century) bench/generate.py
writes a journal with dates spread over the period, placed where a user's journal lives (the
default path under XDG_DATA_HOME, so finding it is part of the cost). Every command of the
SPEC §7 table is then run from bench/spawn.py, a tiny process (so that fork does not inflate the
child's peak RSS), alternating with F: F, command, F, command, … for --runs rounds after one
warm-up round. Each command's ×F is the median of the paired ratios (command ÷ the F run just
before it), which keeps the figure steady when the machine's speed drifts; min–max are those
of the pairs. Writes run on a fresh copy of the journal each time (copied and flushed to disk
outside the timed region); `import` runs into an empty journal each time. Commands the CLI does
not have yet (probed with `mentorlog WORDS --help`) are skipped with a note.

Verdicts: the ×F budgets (and export ≤ 3 s, import ≤ 10 s) apply at 1x and below; growth is the
×F at one scale over the ×F at the next smaller one and must stay within 1.2 up to 1x and
within 1.3 above it (export and import are whole-journal work and have no growth limit); peak
RSS must stay within 40 MiB at every scale.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
CHECKOUT = HERE.parent
SPAWN = HERE / "spawn.py"
sys.path[:0] = [str(HERE), str(CHECKOUT / "src")]  # the generator uses this checkout's code
from generate import generate  # noqa: E402

MEMORY_MIB = 40
SEARCH_WORD = "roadmap"


@dataclass
class Command:
    label: str
    argv: list[str]  # {meeting}, {advice}, {open_todo}, {untried_advice}, {export} are filled in
    x_f: float | None = None  # budget as a multiple of F
    seconds: float | None = None  # budget in seconds (export, import)
    probe: int = 1  # how many leading words name the command, for `mentorlog WORDS --help`
    kind: str = "read"  # read · write (a fresh copy each run) · import (an empty journal each run)


def _lists() -> list[Command]:
    views = [["todo", "list"], ["meeting", "list"], ["advice", "list"], ["topic", "list"], ["thanks", "list"],
             ["goal", "list"], ["mentor", "list"], ["meeting", "show", "{meeting}"],
             ["advice", "show", "{advice}"], ["mentor", "show", "ada"], ["review", "ada"], ["progress"],
             ["report", "ada"], ["history"]]  # fmt: skip
    return [
        Command(" ".join(a for a in argv if not a.startswith("{")), argv, 12, probe=min(2, len(argv)))
        for argv in views
    ]


COMMANDS = [
    Command("--version", ["--version"], 2, probe=0),
    Command("remind", ["remind"], 4),
    Command("todo add", ["todo", "add", "Benchmark todo", "--mentor", "ada", "--due", "fri"], 7, probe=2,
            kind="write"),
    Command("log (options)", ["log", "ada", "--notes", "Benchmark notes", "--todo", "Follow up (due fri)"], 7,
            kind="write"),
    Command("todo done", ["todo", "done", "{open_todo}"], 7, probe=2, kind="write"),
    Command("advice apply", ["advice", "apply", "{untried_advice}", "Tried it for the benchmark"], 7, probe=2,
            kind="write"),
    Command(f"search {SEARCH_WORD}", ["search", SEARCH_WORD], 10),
    Command("--help", ["--help"], 10, probe=0),
    *_lists(),
    Command("export (json)", ["export"], seconds=3),
    Command("import (whole journal)", ["import", "{export}"], seconds=10, kind="import"),
]  # fmt: skip


@dataclass
class Scale:
    """One journal size and where its files are."""

    scale: float
    root: Path
    summary: dict = field(default_factory=dict)

    @property
    def pristine(self) -> Path:
        return self.root / "pristine.db"

    def home(self, kind: str) -> Path:
        """XDG_DATA_HOME for commands of ``kind``: reads share one journal, writes and import
        each have their own."""
        return self.root / kind

    def journal(self, kind: str) -> Path:
        return self.home(kind) / "mentorlog" / "journal.db"

    @property
    def export(self) -> Path:
        return self.root / "export.json"


@dataclass
class Measurement:
    times: list[float]  # seconds, per run
    f_times: list[float]  # F's seconds, the run just before each
    peak_mib: float
    exits: list[int]

    @property
    def ratios(self) -> list[float]:
        return [t / f for t, f in zip(self.times, self.f_times, strict=True)]

    def row(self) -> dict:
        ms = [t * 1000 for t in self.times]
        return {
            "ms": round(statistics.median(ms), 1),
            "ms_min": round(min(ms), 1),
            "ms_max": round(max(ms), 1),
            "x_f": round(statistics.median(self.ratios), 2),
            "x_f_min": round(min(self.ratios), 2),
            "x_f_max": round(max(self.ratios), 2),
            "f_ms": round(statistics.median(self.f_times) * 1000, 1),
            "peak_mib": round(self.peak_mib, 1),
            "runs": len(self.times),
        }


def spawn(slots: list[dict], rounds: int) -> list[list[list[float]]]:
    plan = json.dumps({"rounds": rounds, "slots": slots})
    out = subprocess.run(
        [sys.executable, "-S", "-I", str(SPAWN)], input=plan, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def measure(argv: list[str], env: dict, runs: int, base_env: dict, **setup) -> Measurement:
    """``argv`` and F in alternation for ``runs`` rounds after one warm-up round."""
    f_slot = {"argv": [sys.executable, "-c", "pass"], "env": base_env}
    f_runs, runs_ = spawn([f_slot, {"argv": argv, "env": env, **setup}], runs + 1)
    f_runs, runs_ = f_runs[1:], runs_[1:]
    return Measurement(
        times=[r[0] for r in runs_],
        f_times=[r[0] for r in f_runs],
        peak_mib=max(r[1] for r in runs_),
        exits=[r[2] for r in runs_],
    )


def flush(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class Bench:
    def __init__(self, args: argparse.Namespace, work: Path):
        self.args, self.work = args, work
        self.base_env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("MENTORLOG", "PYTHONDONTWRITE", "XDG_DATA"))
        }
        self.base_env["NO_COLOR"] = "1"
        entry = Path(sys.executable).with_name("mentorlog")
        self.mentorlog = [str(entry)] if entry.exists() else [sys.executable, "-m", "mentorlog"]
        self.ml_env = dict(self.base_env)
        if not args.installed:
            self.ml_env["PYTHONPATH"] = str(CHECKOUT / "src")
        self.rows: list[dict] = []
        self.skipped: list[dict] = []
        self.failed = False

    def env(self, scale: Scale, kind: str) -> dict:
        return {**self.ml_env, "XDG_DATA_HOME": str(scale.home(kind))}

    def run_once(self, argv: list[str], env: dict) -> subprocess.CompletedProcess:
        return subprocess.run(self.mentorlog + argv, env=env, capture_output=True, text=True, timeout=600)

    def code_location(self) -> str:
        probe = "import mentorlog, sys; print(mentorlog.__file__)"
        out = subprocess.run([sys.executable, "-c", probe], env=self.ml_env, capture_output=True, text=True)
        return str(Path(out.stdout.strip()).parent) if out.returncode == 0 else "(mentorlog not importable)"

    def prepare(self, value: float) -> Scale:
        scale = Scale(value, self.work / f"scale-{value:g}")
        scale.root.mkdir(parents=True)
        started = time.perf_counter()
        scale.summary = generate(scale.pristine, value)
        took = time.perf_counter() - started
        counts = {k: v for k, v in scale.summary.items() if k != "ids"}
        print(
            f"{value:g}x journal: {counts} in {took:.1f} s ({scale.pristine.stat().st_size / 2**20:.1f} MiB)"
        )
        for kind in ("read", "write", "import"):
            scale.journal(kind).parent.mkdir(parents=True)
        shutil.copyfile(scale.pristine, scale.journal("read"))
        flush(scale.pristine)
        flush(scale.journal("read"))
        return scale

    def exists(self, command: Command, env: dict) -> bool:
        if not command.probe:
            return True
        words = command.argv[: command.probe]
        return self.run_once([*words, "--help"], env).returncode == 0

    def fill(self, argv: list[str], scale: Scale) -> list[str]:
        values = {**scale.summary["ids"], "export": str(scale.export)}
        return [a.format(**values) if a.startswith("{") else a for a in argv]

    def measure_command(self, command: Command, scales: list[Scale]) -> None:
        read_env = self.env(scales[0], "read")
        if not self.exists(command, read_env):
            why = f"`mentorlog {' '.join(command.argv[: command.probe])} --help` fails: not built yet"
            self.skipped.append({"command": command.label, "why": why})
            print(f"{command.label:24} skipped: {why}")
            return
        if command.kind == "import" and not all(s.export.exists() for s in scales):
            why = "needs an export of the journal, and `export -o FILE` did not write one"
            self.skipped.append({"command": command.label, "why": why})
            print(f"{command.label:24} skipped: {why}")
            return
        runs = self.args.io_runs if command.seconds else self.args.runs
        previous = None
        for scale in scales:
            argv = self.mentorlog + self.fill(command.argv, scale)
            setup: dict = {}
            if command.kind == "write":
                setup["copy"] = [str(scale.pristine), str(scale.journal("write"))]
            elif command.kind == "import":
                setup["remove"] = [str(scale.journal("import"))]
            kind = command.kind if command.kind in ("write", "import") else "read"
            m = measure(argv, self.env(scale, kind), runs, self.base_env, **setup)
            row = {"command": command.label, "argv": command.argv, "scale": scale.scale, **m.row()}
            row.update(self.verdict(command, scale.scale, row, previous, m))
            self.rows.append(row)
            self.print_row(row)
            if row["problems"]:
                self.failed = True
                if any(code != 0 for code in m.exits):
                    self.explain_failure(command, scale, kind)
            previous = row

    def verdict(
        self, command: Command, scale: float, row: dict, previous: dict | None, m: Measurement
    ) -> dict:
        problems = []
        bad_exits = sorted({code for code in m.exits if code != 0})
        if bad_exits:
            problems.append(f"exit {', '.join(map(str, bad_exits))}")
        if command.x_f and scale <= 1 and row["x_f"] > command.x_f:
            problems.append(f"×F over {command.x_f:g}")
        if command.seconds and scale <= 1 and row["ms"] > command.seconds * 1000:
            problems.append(f"over {command.seconds:g} s")
        growth = limit = None
        if previous is not None:
            growth = round(row["x_f"] / previous["x_f"], 2)
            if not command.seconds:
                limit = 1.2 if scale <= 1 else 1.3
                if growth > limit:
                    problems.append(f"growth over {limit}")
        if row["peak_mib"] > MEMORY_MIB:
            problems.append(f"over {MEMORY_MIB} MiB")
        budget = f"{command.x_f:g}×F" if command.x_f else f"≤{command.seconds:g} s"
        return {
            "budget": budget,
            "growth": growth,
            "growth_limit": limit,
            "verdict": "FAIL" if problems else "PASS",
            "problems": problems,
        }

    def explain_failure(self, command: Command, scale: Scale, kind: str) -> None:
        if kind == "write":
            shutil.copyfile(scale.pristine, scale.journal("write"))
        elif kind == "import":
            for suffix in ("", "-wal", "-shm"):
                Path(f"{scale.journal('import')}{suffix}").unlink(missing_ok=True)
        out = self.run_once(self.fill(command.argv, scale), self.env(scale, kind))
        print(f"    exit {out.returncode}: {(out.stderr or out.stdout).strip()[:400]}")

    COLUMNS = (
        "command",
        "size",
        "ms median (min–max)",
        "×F median (min–max)",
        "F ms",
        "budget",
        "growth",
        "MiB",
    )
    WIDTHS = (24, 6, 24, 20, 6, 7, 11, 5)

    @classmethod
    def line(cls, cells: tuple[str, ...]) -> str:
        """The command left-aligned, figures right-aligned, in the table's widths."""
        padded = (
            c.ljust(w) if i == 0 else c.rjust(w)
            for i, (c, w) in enumerate(zip(cells, cls.WIDTHS, strict=True))
        )
        return "  ".join(padded)

    @classmethod
    def print_row(cls, row: dict) -> None:
        growth = "—" if row["growth"] is None else f"{row['growth']:.2f}"
        if row["growth_limit"]:
            growth += f" ≤{row['growth_limit']}"
        cells = (
            row["command"],
            f"{row['scale']:g}×",
            f"{row['ms']:.1f} ({row['ms_min']:.1f}–{row['ms_max']:.1f})",
            f"{row['x_f']:.2f} ({row['x_f_min']:.2f}–{row['x_f_max']:.2f})",
            f"{row['f_ms']:.1f}",
            row["budget"],
            growth,
            f"{row['peak_mib']:.1f}",
        )
        print(
            f"{cls.line(cells)}  {row['verdict']}"
            + (f" ({'; '.join(row['problems'])})" if row["problems"] else "")
        )

    def make_export(self, scale: Scale) -> None:
        """The file `import` reads: an export of the whole journal, made outside the timing."""
        out = self.run_once(["export", "-o", str(scale.export)], self.env(scale, "read"))
        if out.returncode != 0:
            scale.export.unlink(missing_ok=True)


# --- jrnl side by side -----------------------------------------------------------------------


def find_jrnl(option: str | None) -> Path | None:
    if option:
        path = Path(option).expanduser()
        for candidate in (path, path / "bin" / "jrnl"):
            if candidate.is_file() and os.access(candidate, os.X_OK):
                return candidate.resolve()
        raise SystemExit(f"--jrnl {option}: no jrnl executable there (give the jrnl file or its venv).")
    found = shutil.which("jrnl")
    return Path(found) if found else None


def jrnl_entries_synthetic(n: int, now: datetime) -> str:
    """``n`` short entries, one a day, ending yesterday; one in ten has a tag.

    Tags stay occasional on purpose: jrnl counts tags in time quadratic in how many there are,
    so a tag in every entry would make it look slower than it is for most users."""
    first = now - timedelta(days=n)
    tags = ("@work", "@idea", "@health", "@family")
    return "".join(
        f"[{(first + timedelta(days=i)):%Y-%m-%d} 09:{i % 60:02d}] Entry {i} about the day.\n"
        f"Some text on a second line{' ' + tags[i // 10 % 4] if i % 10 == 0 else ''}.\n\n"
        for i in range(n)
    )


def jrnl_entries_from(journal: Path) -> tuple[str, int]:
    """The ten-year mentorlog journal as jrnl entries: each meeting with its notes, each todo,
    advice, application and thanks as an entry on its day."""
    conn = sqlite3.connect(f"file:{journal}?mode=ro", uri=True)
    try:
        rows = conn.execute(
            """SELECT substr(held_at, 1, 16), 'Check-in. ' || notes FROM meetings
            UNION ALL SELECT substr(created_at, 1, 16), 'Todo: ' || text FROM todos
            UNION ALL SELECT substr(created_at, 1, 16), 'Advice: ' || text FROM advice
            UNION ALL SELECT substr(created_at, 1, 16), 'Applied: ' || what FROM applications
            UNION ALL SELECT substr(created_at, 1, 16), 'Thanks: ' || text FROM thanks
            ORDER BY 1"""
        ).fetchall()
    finally:
        conn.close()
    text = "".join(f"[{when.replace('T', ' ')}] {body}\n\n" for when, body in rows)
    return text, len(rows)


def jrnl_compare(bench: Bench, jrnl: Path, ten_year: Path) -> list[dict]:
    """Time jrnl adding an entry to plain-text journals of 1,000, 10,000 entries and ten-year size.

    jrnl reads a config of ours only: HOME and XDG_CONFIG_HOME point into a temporary folder."""
    root = bench.work / "jrnl"
    home, config_home = root / "home", root / "config"
    config_home.mkdir(parents=True)
    home.mkdir()
    env = {**bench.base_env, "HOME": str(home), "XDG_CONFIG_HOME": str(config_home),
           "XDG_DATA_HOME": str(root / "data")}  # fmt: skip
    env.pop("PYTHONPATH", None)
    out = subprocess.run([str(jrnl), "--version"], env=env, capture_output=True, text=True)
    found = re.search(r"v?(\d+\.\d+(?:\.\d+)?)", out.stdout + out.stderr)
    version = found.group(1) if found else "4.0"
    now = datetime.now()
    journals = [(f"{n:,} entries", jrnl_entries_synthetic(n, now), n) for n in (1_000, 10_000)]
    text, n = jrnl_entries_from(ten_year)
    journals.append((f"ten-year ({n:,} entries)", text, n))
    rows = []
    for label, content, n in journals:
        journal = root / f"journal-{n}.txt"
        journal.write_text(content)
        config = config_home / f"jrnl-{n}.yaml"
        config.write_text(
            f"version: v{version}\njournals:\n  default:\n    journal: {journal}\nencrypt: false\n"
            "editor: ''\ntemplate: false\ndefault_hour: 9\ndefault_minute: 0\n"
            "timeformat: '%Y-%m-%d %H:%M'\ntagsymbols: '#@'\nhighlight: false\nlinewrap: 79\n"
            "indent_character: '|'\ncolors: {body: none, date: none, tags: none, title: none}\n"
        )
        argv = [str(jrnl), "--config-file", str(config), "A benchmark entry."]
        check = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=600)
        if check.returncode != 0:
            print(f"jrnl at {label}: exit {check.returncode}: {check.stderr.strip()[:300]}")
            continue
        m = measure(argv, env, bench.args.jrnl_runs, bench.base_env)
        row = {
            "journal": label,
            "entries": n,
            "size_mib": round(journal.stat().st_size / 2**20, 1),
            **m.row(),
        }
        rows.append(row)
        print(
            f"jrnl {version} add at {label:>26} ({row['size_mib']:.1f} MiB): {row['ms']:.1f} ms "
            f"({row['ms_min']:.1f}–{row['ms_max']:.1f}), {row['x_f']:.1f}×F "
            f"({row['x_f_min']:.1f}–{row['x_f_max']:.1f}; F {row['f_ms']:.1f} ms), {row['peak_mib']:.1f} MiB"
        )
    return rows


# --- output ----------------------------------------------------------------------------------


def markdown(rows: list[dict], skipped: list[dict], jrnl_rows: list[dict], meta: dict) -> str:
    lines = [
        f"Benchmark of {meta['code']} on {meta['machine']}, {meta['when']}; F = `python -c pass`, "
        f"{meta['runs']} alternating runs ({meta['io_runs']} for export/import).",
        "",
        "| " + " | ".join(("command", "size", *Bench.COLUMNS[2:-1], "peak MiB", "verdict")) + " |",
        "|---" * 9 + "|",
    ]
    for r in rows:
        growth = "—" if r["growth"] is None else f"{r['growth']:.2f}"
        if r["growth_limit"]:
            growth += f" (≤{r['growth_limit']})"
        verdict = r["verdict"] + (f": {'; '.join(r['problems'])}" if r["problems"] else "")
        cells = (
            f"`{r['command']}`",
            f"{r['scale']:g}×",
            f"{r['ms']:.1f} ({r['ms_min']:.1f}–{r['ms_max']:.1f})",
            f"{r['x_f']:.2f} ({r['x_f_min']:.2f}–{r['x_f_max']:.2f})",
            f"{r['f_ms']:.1f}",
            r["budget"],
            growth,
            f"{r['peak_mib']:.1f}",
            verdict,
        )
        lines.append("| " + " | ".join(cells) + " |")
    if skipped:
        lines += ["", "Skipped: " + "; ".join(f"`{s['command']}` ({s['why']})" for s in skipped) + "."]
    if jrnl_rows:
        lines += [
            "",
            "| jrnl adds an entry | journal MiB | ms median (min–max) | ×F median (min–max) | F ms | MiB |",
            "|---" * 6 + "|",
        ]
        for r in jrnl_rows:
            cells = (
                r["journal"],
                f"{r['size_mib']:.1f}",
                f"{r['ms']:.1f} ({r['ms_min']:.1f}–{r['ms_max']:.1f})",
                f"{r['x_f']:.1f} ({r['x_f_min']:.1f}–{r['x_f_max']:.1f})",
                f"{r['f_ms']:.1f}",
                f"{r['peak_mib']:.1f}",
            )
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def parse_scales(text: str) -> list[float]:
    try:
        values = sorted({float(part) for part in text.split(",") if part.strip()})
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: give scales like 0.01,1,10") from None
    if not values or values[0] <= 0:
        raise argparse.ArgumentTypeError(f"{text!r}: scales must be above 0")
    return values


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="timed rounds per command (default 15)")
    parser.add_argument(
        "--io-runs", type=int, default=5, help="timed rounds for export and import (default 5)"
    )
    parser.add_argument(
        "--scales",
        type=parse_scales,
        default=[0.01, 1.0],
        help="journal sizes, 1 = ten years (default 0.01,1; add 10 for a century)",
    )
    parser.add_argument("--only", help="comma-separated substrings of the command labels to run")
    parser.add_argument("--out", type=Path, help="also write results.json and results.md in this folder")
    parser.add_argument("--jrnl", help="jrnl's executable or its venv (default: jrnl on PATH, if any)")
    parser.add_argument("--jrnl-runs", type=int, default=7, help="timed rounds per jrnl journal (default 7)")
    parser.add_argument("--no-jrnl", action="store_true", help="do not compare with jrnl")
    parser.add_argument(
        "--installed",
        action="store_true",
        help="measure the code the entry point imports, not this checkout's src/",
    )
    parser.add_argument("--keep", action="store_true", help="keep the journals (the folder is printed)")
    args = parser.parse_args()
    if args.runs < 1 or args.io_runs < 1:
        parser.error("--runs and --io-runs must be at least 1")
    jrnl = None if args.no_jrnl else find_jrnl(args.jrnl)

    # Installed packages carry bytecode; an editable checkout may not (PYTHONDONTWRITEBYTECODE).
    compileall.compile_dir(CHECKOUT / "src", quiet=1)
    work = Path(tempfile.mkdtemp(prefix="mentorlog-bench-"))
    bench = Bench(args, work)
    meta = {
        "code": bench.code_location(),
        "command": " ".join(bench.mentorlog),
        "python": platform.python_version(),
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs",
        "when": datetime.now().isoformat(timespec="seconds"),
        "runs": args.runs,
        "io_runs": args.io_runs,
        "load_before": os.getloadavg(),
    }
    print(f"measuring {meta['code']} via {meta['command']} · Python {meta['python']} · {meta['machine']}")
    try:
        scales = [bench.prepare(value) for value in args.scales]
        commands = COMMANDS
        if args.only:
            wanted = [w.strip() for w in args.only.split(",") if w.strip()]
            commands = [c for c in COMMANDS if any(w in c.label for w in wanted)]
        if any(c.kind == "import" for c in commands):
            for scale in scales:
                bench.make_export(scale)
        print(f"\nF = python -c pass, run before each command run. {args.runs} rounds after a warm-up.\n")
        print(Bench.line(Bench.COLUMNS) + "  verdict")
        for command in commands:
            bench.measure_command(command, scales)
        jrnl_rows: list[dict] = []
        if jrnl:
            print()
            ten_year = next((s.pristine for s in scales if s.scale == 1), None)
            if ten_year is None:
                ten_year = work / "ten-year.db"
                generate(ten_year, 1.0)
            jrnl_rows = jrnl_compare(bench, jrnl, ten_year)
        elif not args.no_jrnl:
            print("\njrnl is not installed; see the top of bench/run.py to compare with it (--jrnl).")
        meta["load_after"] = os.getloadavg()
        print(f"\nload average before/after: {meta['load_before'][0]:.2f} / {meta['load_after'][0]:.2f}")
        if args.out:
            args.out.mkdir(parents=True, exist_ok=True)
            document = {"meta": meta, "results": bench.rows, "skipped": bench.skipped, "jrnl": jrnl_rows,
                        "journals": {f"{s.scale:g}": s.summary for s in scales}}  # fmt: skip
            (args.out / "results.json").write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
            (args.out / "results.md").write_text(markdown(bench.rows, bench.skipped, jrnl_rows, meta))
            print(f"wrote {args.out / 'results.json'} and {args.out / 'results.md'}")
    finally:
        if args.keep:
            print(f"journals kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    print("FAIL: a budget was missed" if bench.failed else "PASS: every budget met")
    return 1 if bench.failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
