"""The config file (SPEC §2): ``config.toml`` in the platform's user config folder, or the file
``MENTORLOG_CONFIG`` names. It holds a few defaults — the editor, ``remind``'s window, the
journal's path, the inbox folder, sync settings — that options and environment variables
override. ``KEYS`` is the one list of what it may hold and how each value is checked. What is
wrong in the file (an unknown key, a bad value, not TOML) names the file and the line: a
warning, said once, for the commands that read it (``load``), an error for ``config`` and
``doctor`` (``problems``, ``check_file``) and for a journal path it hides (``journal``).

Reading costs one ``stat`` when there is no file; ``tomllib`` (``tomli`` before Python 3.11) is
imported only when there is one. Writing (``mentorlog config KEY VALUE``) edits the one line a
key is on, or adds it under its table, so comments and the rest of the file stay as written.
"""

from __future__ import annotations

import os
import sys

from mentorlog.core.errors import Suggest, UsageError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path


class ConfigError(UsageError):
    """The config file says something mentorlog cannot use."""


def _text(value) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("must be non-empty text in quotes")
    return value


def _days(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 3660:
        raise ValueError("must be a whole number of days from 0 to 3660")
    return value


def _seconds(value) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 3600:
        raise ValueError("must be a number of seconds from 0 to 3600")
    return value


# key → (what it is, how its value is checked)
KEYS = {
    "editor": ('the editor command, e.g. "nvim" (after $VISUAL and $EDITOR)', _text),
    "journal": ("the journal file (after --db and MENTORLOG_DB)", _text),
    "inbox": ("the folder `inbox` files from", _text),
    "remind.within": ("how many days ahead remind looks (after --within)", _days),
    "lock.wait": ("how many seconds a command waits for a journal another program holds", _seconds),
    "sync.remote": ("the git remote sync uses", _text),
    "sync.machine": ("this machine's name in sync's conflict markers", _text),
}


def path() -> Path:
    from pathlib import Path

    env = os.environ.get("MENTORLOG_CONFIG")
    if env:
        return Path(env).expanduser()
    if sys.platform.startswith("linux"):  # platformdirs' answer on Linux, without importing it
        base = os.environ.get("XDG_CONFIG_HOME", "").strip() or os.path.expanduser("~/.config")
        return Path(base) / "mentorlog" / "config.toml"
    from platformdirs import user_config_dir

    return Path(user_config_dir("mentorlog", appauthor=False)) / "config.toml"


class Problem:
    """One thing wrong in the file: what to say (the file, the line, what is wrong), the key it
    is about (None when the whole file cannot be read), and whether the journal's path could
    be what it hides."""

    __slots__ = ("hides_journal", "key", "text")

    def __init__(self, text: str, key: str | None, hides_journal: bool):
        self.text, self.key, self.hides_journal = text, key, hides_journal

    @property
    def ignored(self) -> str:
        return "the file is ignored" if self.key is None else "that line is ignored"


# (the file's identity, its keys, what is wrong in it), for as long as the file is unchanged
_loaded: tuple[object, dict[str, object], list[Problem]] | None = None
_said: set[str] = set()  # the problems said already (or reported by their caller): once each


def _read() -> tuple[dict[str, object], list[Problem]]:
    """The keys the file sets that can be used, and what is wrong in it; read again only when
    the file (its path, size or time) changed since."""
    global _loaded
    file = path()
    try:
        st = os.stat(file)
    except FileNotFoundError:
        return {}, []
    except OSError as e:
        return {}, [Problem(f"The config file {file} cannot be read ({e.strerror})", None, True)]
    identity = (str(file), st.st_size, st.st_mtime_ns, st.st_ino)
    if _loaded is not None and _loaded[0] == identity:
        return _loaded[1], _loaded[2]
    try:
        raw = file.read_bytes()
    except OSError as e:
        return {}, [Problem(f"The config file {file} cannot be read ({e.strerror})", None, True)]
    wrong: list[Problem] = []
    found = parse(raw, file, wrong)
    _loaded = (identity, found, wrong)
    return found, wrong


def load() -> dict[str, object]:
    """Every key the file sets, as ``{"remind.within": 7}``; {} when there is no file. A broken
    file never stops a command: what is wrong is said once on stderr, naming the file and the
    line, and the command goes on without it (an unknown key or a bad value is skipped, a file
    that is not TOML is ignored). ``mentorlog config`` and ``doctor`` report it as an error."""
    found, wrong = _read()
    for p in wrong:
        if p.text not in _said:
            _said.add(p.text)
            sys.stderr.write(f"mentorlog: {p.text}; {p.ignored}.\n")
    return found


def problems() -> list[Problem]:
    """What is wrong in the file, said nowhere: for ``config`` and ``doctor``."""
    return _read()[1]


def hush() -> None:
    """Say nothing on stderr about this file's problems: the caller reports them (``doctor``)."""
    _said.update(p.text for p in _read()[1])


def check_file() -> None:
    """Raise the first problem in the file as an error (``mentorlog config`` reading it)."""
    found = problems()
    if found:
        raise ConfigError(
            f"{found[0].text}.",
            hint=Suggest("fix_config"),
        )


def journal() -> str | None:
    """The file's ``journal``. Never guessed: when the file hides what it may say (a bad
    ``journal`` line, or a file that cannot be read and has a ``journal`` line), this is an
    error, rather than a command opening, or creating, another journal than the one meant."""
    _, wrong = _read()
    hidden = next((p for p in wrong if p.hides_journal), None)
    if hidden is not None:
        _said.update(p.text for p in wrong)  # this error says what is wrong
        raise ConfigError(
            f"{hidden.text}; the journal's path may be there, so no journal was opened.",
            hint="Fix that line, or name the journal with --db or MENTORLOG_DB.",
        )
    return load().get("journal")


def reset() -> None:
    """Forget what was read, and what was said of it."""
    global _loaded
    _loaded = None
    _said.clear()


def get(key: str, default=None):
    return load().get(key, default)


def inbox_folder(journal: Path, *, quiet: bool = False) -> Path:
    """The folder ``inbox`` files from, and ``remind`` looks in: the file's ``inbox``, else
    ``inbox/`` beside the journal (SPEC §2). ``quiet``: what is wrong in the file is not said
    here (``remind``, in every new shell, says only what it needs the file for)."""
    from pathlib import Path

    configured = _read()[0].get("inbox") if quiet else get("inbox")
    return Path(configured).expanduser() if configured else journal.parent / "inbox"


_JOURNAL_LINE = r"(?m)^\s*[\"']?journal[\"']?\s*="


def parse(raw: bytes, file: Path, problems: list[Problem] | None = None) -> dict[str, object]:
    """The keys ``raw`` sets. Each problem raises ``ConfigError``, or, given ``problems``, is
    added to it and skipped."""
    import re

    def fail(text: str, key: str | None, hides_journal: bool, hint=None) -> None:
        if problems is None:
            raise ConfigError(f"{text}; nothing was changed." if key is None else f"{text}.", hint=hint)
        problems.append(Problem(text, key, hides_journal))

    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        fail(f"{file}, line {line}: not UTF-8 text", None, re.search(_JOURNAL_LINE.encode(), raw) is not None)
        return {}
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        fail(
            f"{file}: {e}",
            None,
            re.search(_JOURNAL_LINE, text) is not None,
            hint=Suggest("fix_config"),
        )
        return {}
    found: dict[str, object] = {}

    def walk(table: dict, prefix: str) -> None:
        for name, value in table.items():
            key = f"{prefix}{name}"
            if isinstance(value, dict) and key not in KEYS:
                walk(value, key + ".")
                continue
            if key not in KEYS:
                fail(f"{file}, line {_line_of(text, name)}: unknown key {key!r}", key, False,
                     hint=f"Known keys: {', '.join(KEYS)}.")  # fmt: skip
                continue
            try:
                found[key] = KEYS[key][1](value)
            except ValueError as e:
                fail(f"{file}, line {_line_of(text, name)}: {key} {e}, not {value!r}", key, key == "journal")

    walk(data, "")
    return found


def _line_of(text: str, name: str) -> int:
    """The line a key is written on (its first, for a repeated name in other tables)."""
    for n, line in enumerate(text.splitlines(), 1):
        stripped = line.strip().strip('"').strip("'")
        if stripped.startswith(name) and stripped[len(name) :].lstrip().startswith(("=", '"', "'")):
            return n
        if line.strip() in (f"[{name}]", f'["{name}"]'):
            return n
    return 1


def check_key(key: str) -> None:
    """Refuse a key the file cannot hold, naming the ones it can."""
    if key not in KEYS:
        raise ConfigError(f"Unknown config key {key!r}.", hint=f"Known keys: {', '.join(KEYS)}.")


def check(key: str, value: str):
    """A value typed on the command line, as the file would hold it (a number for days or
    seconds)."""
    check_key(key)
    typed: object = value
    if KEYS[key][1] is _days:
        if not (value.isascii() and value.isdigit()):
            raise ConfigError(f"{key} must be a whole number of days from 0 to 3660, not {value!r}.")
        typed = int(value)
    elif KEYS[key][1] is _seconds:
        import re

        if not re.fullmatch(r"[0-9]+(\.[0-9]+)?", value):  # as TOML writes it: not 1e3, 1_000 or １２
            raise ConfigError(f"{key} must be a number of seconds from 0 to 3600, not {value!r}.")
        typed = float(value) if "." in value else int(value)
    try:
        return KEYS[key][1](typed)
    except ValueError as e:
        raise ConfigError(f"{key} {e}, not {value!r}.") from None


def _toml_value(value) -> str:
    if isinstance(value, (int, float)):
        return str(value)
    out = ['"']
    for ch in str(value):
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch < " " or ch == "\x7f":
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "".join(out) + '"'


def write(key: str, value) -> Path:
    """Set ``key`` (``None``: remove it) in the file, keeping every other line as written."""
    from mentorlog.core.files import write_private

    file = path()
    try:
        lines = file.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        lines = []
    table, _, name = key.rpartition(".")
    current, start, at = "", None, None
    for n, line in enumerate(lines):
        s = line.strip()
        if s.startswith("[") and s.endswith("]"):
            current = s.strip("[]").strip()
            if current == table:
                start = n
            continue
        if current == table and s.split("=", 1)[0].strip().strip('"') == name and "=" in s:
            at = n
    entry = f"{name} = {_toml_value(value)}" if value is not None else None
    if at is not None:
        if entry is None:
            del lines[at]
        else:
            lines[at] = entry
    elif entry is not None:
        if not table:  # top-level keys go before the first table
            first = next((n for n, ln in enumerate(lines) if ln.strip().startswith("[")), len(lines))
            lines.insert(first, entry)
        elif start is not None:
            lines.insert(start + 1, entry)
        else:
            lines += ([""] if lines else []) + [f"[{table}]", entry]
    text = "\n".join(lines) + "\n" if lines else ""
    # Never write a file that does not read back, nor a line that is wrong; a wrong line
    # elsewhere stays as it was (it is said wherever the file is read), so any key can be set.
    wrong: list[Problem] = []
    parse(text.encode("utf-8"), file, wrong)
    for problem in wrong:
        if problem.key is None or problem.key == key:
            raise ConfigError(f"{problem.text}; nothing was changed.")
    file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temporary = file.with_name(f".{file.name}.{os.getpid()}.tmp")
    write_private(temporary, text.encode("utf-8"), replace=True)
    try:
        os.replace(temporary, file)  # whole or not at all: the old file stays until this
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    reset()
    return file
