"""The journal: mentorlog's domain and its SQLite storage. No Typer, no Rich.

``db`` opens the file (path, pragmas, permissions, transactions); ``schema`` migrates it;
one module per concept holds that concept's data class (a ``Row``) and queries.
"""
