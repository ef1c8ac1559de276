"""`topic`, `thanks` and `goal` commands."""

from __future__ import annotations

import json

from helpers import snapshot


def test_topics(cli, ada):
    cli("topic", "add", "ada", "Promotion?")
    cli("topic", "add", "ada", "Scope creep", "--kind", "concern")
    cli("topic", "add", "grace", "Shipped it", "--kind", "WIN")
    data = json.loads(cli("topic", "list", "--json").stdout)
    assert [(t["mentor"], t["kind"], t["text"]) for t in data] == [
        ("ada", "question", "Promotion?"),
        ("ada", "concern", "Scope creep"),
        ("grace", "win", "Shipped it"),
    ]
    assert set(data[0]) >= {"id", "mentor", "text", "kind", "status", "raised_in"}
    assert [t["text"] for t in json.loads(cli("topic", "list", "grace", "--json").stdout)] == ["Shipped it"]
    cli("topic", "drop", "2")
    assert len(json.loads(cli("topic", "list", "--json").stdout)) == 2
    assert json.loads(cli("topic", "list", "--all", "--json").stdout)[-1]["status"] == "dropped"
    assert "dropped already" in cli("topic", "drop", "2", code=2).stderr


def test_topic_bad_kind_and_id(cli, ada, db_path):
    before = snapshot(db_path)
    assert "'gossip'" in cli("topic", "add", "ada", "x", "--kind", "gossip", code=2).stderr
    assert "no topic 5" in cli("topic", "drop", "5", code=1).stderr
    assert snapshot(db_path) == before


def test_thanks(cli, ada):
    assert "on Mon 23 Nov 2026" in cli("thanks", "add", "ada", "for the intro", "--on", "yesterday").stdout
    cli("thanks", "add", "grace", "coffee")
    data = json.loads(cli("thanks", "list", "--json").stdout)
    assert [(t["mentor"], t["on"]) for t in data] == [("grace", "2026-11-24"), ("ada", "2026-11-23")]
    assert set(data[0]) >= {"id", "mentor", "text", "on"}
    assert len(json.loads(cli("thanks", "list", "ada", "--json").stdout)) == 1
    assert "--on" in cli("thanks", "add", "ada", "x", "--on", "13/13", code=2).stderr


def test_goals_progress(cli, ada):
    assert (
        "by Thu 31 Dec 2026"
        in cli("goal", "add", "Lead a design review", "-m", "ada", "--by", "dec 31").stdout
    )
    cli("todo", "add", "Shadow a review", "--goal", "1")
    cli("todo", "add", "Run one", "--goal", "1")
    cli("todo", "add", "Dropped", "--goal", "1")
    cli("todo", "done", "1")
    cli("todo", "drop", "3")
    [g] = json.loads(cli("goal", "list", "--json").stdout)
    assert g["progress"] == {"done": 1, "total": 2} and g["by"] == "2026-12-31" and g["mentor"] == "ada"
    assert "1/2" in cli("goal", "list").stdout
    cli("goal", "done", "1")
    assert json.loads(cli("goal", "list", "--json").stdout) == []
    assert json.loads(cli("goal", "list", "--all", "--json").stdout)[0]["status"] == "achieved"
    cli("goal", "add", "Other")
    cli("goal", "drop", "2")
    assert "dropped already" in cli("goal", "drop", "2", code=2).stderr
    assert "no goal 9" in cli("goal", "done", "9", code=1).stderr
    assert "--by" in cli("goal", "add", "x", "--by", "whenever", code=2).stderr
