"""Exporters: the journal written out in other formats (json, markdown, csv, ics; SPEC §2 export).

Each module turns plain data that the journal returns into the bytes of one format and does no
I/O of its own; the CLI's ``export`` command decides where the bytes go.
"""
