"""The journal's machinery, apart from its concepts: connecting, the schema and its
migrations, history and undo, search, dump/import/export, backup, doctor, sync and the inbox."""
