"""One dispatch: the console script and the tests run the same lazily-loading root group."""

from __future__ import annotations

import json
import subprocess
import sys

from mentorlog.cli import COMMANDS


def test_db_option_reaches_the_command_in_process(cli, tmp_path, db_path):
    other = tmp_path / "elsewhere.db"
    out = cli("--db", str(other), "todo", "add", "Over there").stdout
    assert out.startswith("Added todo 1: Over there")
    assert other.exists() and not db_path.exists()
    assert json.loads(cli("--db", str(other), "todo", "list", "--json").stdout)[0]["text"] == "Over there"


def test_group_help_in_process(cli):
    out = cli("todo", "--help").stdout
    assert out.startswith("Usage: mentorlog todo")
    for sub in ("add", "list", "done", "drop", "reopen", "edit"):
        assert sub in out


def test_root_help_lists_every_command_in_map_order(cli):
    out = cli("--help").stdout
    positions = [out.index(f"  {name} ") for name in COMMANDS]
    assert positions == sorted(positions)


def test_a_command_loads_only_its_own_module():
    code = (
        "import sys\n"
        "from mentorlog.cli import run\n"
        "try:\n"
        "    run(['todo', '--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('mentorlog.cli.')), file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    loaded = result.stderr.strip().splitlines()[-1]
    assert "mentorlog.cli.todos" in loaded
    for other in ("advice", "meetings", "views", "log", "mentors"):
        assert f"mentorlog.cli.{other}'" not in loaded


def test_unknown_command_is_a_usage_error_with_a_suggestion(cli):
    result = cli("mentr", code=2)
    assert "No such command 'mentr'" in result.stderr and "'mentor'" in result.stderr
