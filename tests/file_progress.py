"""``pytest -q`` prints one line per test file as the file finishes, instead of rows of dots.

With the tests spread over processes (pytest-xdist), the dots say little: which file is done,
how many files are left, how long it has taken. Each line here says it, and failures and skips
are named in their file's line (and in pytest's own summary at the end, as always). Without
``-q`` pytest's own per-file output is left as it is.
"""

from __future__ import annotations

import time

import pytest


class FileProgress:
    def __init__(self, config: pytest.Config):
        self.config = config
        self.expected: dict[str, int] = {}
        self.outcomes: dict[str, dict[str, str]] = {}
        self.files_done = 0
        self.started = time.monotonic()

    def _expect(self, nodeids) -> None:
        if not self.expected:  # every process collects the same tests
            for nodeid in nodeids:
                file = nodeid.split("::", 1)[0]
                self.expected[file] = self.expected.get(file, 0) + 1

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        self._expect(item.nodeid for item in session.items)

    @pytest.hookimpl(optionalhook=True)
    def pytest_xdist_node_collection_finished(self, node, ids) -> None:
        self._expect(ids)

    @pytest.hookimpl(tryfirst=True)
    def pytest_report_teststatus(self, report: pytest.TestReport, config):
        """No dot or letter per test: the file's line says how its tests went."""
        if report.failed:
            return ("failed" if report.when == "call" else "error"), "", "FAILED"
        if report.skipped:
            return "skipped", "", "SKIPPED"
        if report.when == "call":
            return "passed", "", "PASSED"
        return None

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        file = report.nodeid.split("::", 1)[0]
        tests = self.outcomes.setdefault(file, {})
        if report.failed:
            tests[report.nodeid] = "failed"
        elif report.skipped and tests.get(report.nodeid) != "failed":
            tests[report.nodeid] = "skipped"
        if report.when != "teardown":
            return
        tests.setdefault(report.nodeid, "passed")
        if len(tests) != self.expected.get(file):
            return
        self.files_done += 1
        counts: dict[str, int] = {}
        for outcome in tests.values():
            counts[outcome] = counts.get(outcome, 0) + 1
        said = ", ".join(f"{counts[o]} {o}" for o in ("passed", "failed", "skipped") if o in counts)
        elapsed = time.monotonic() - self.started
        reporter = self.config.pluginmanager.get_plugin("terminalreporter")
        reporter.write_line(
            f"{file:<42} {said:<28} {self.files_done:>3}/{len(self.expected)} files, {elapsed:3.0f} s"
        )


def register(config: pytest.Config) -> None:
    if config.option.verbose < 0 and not hasattr(config, "workerinput"):  # -q, in the main process
        config.pluginmanager.register(FileProgress(config), "file-progress")
