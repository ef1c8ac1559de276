"""The views: review, remind, progress and report. Each computes plain data (records
with ``to_json``) from an open journal connection; ``mentorlog.render`` draws the same data
with Rich, and ``--json`` prints it. No Typer, no Rich here."""
