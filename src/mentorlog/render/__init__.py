"""Everything that puts user text on the screen. ``text`` is plain and cheap (echo lines,
JSON, control-character escaping); ``console``, ``lists`` and ``views`` use Rich and are
imported only by commands that draw tables or briefs. Renderers take plain data and never
touch the journal."""
