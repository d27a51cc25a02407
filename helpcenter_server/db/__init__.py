"""The one database layer: SQLite or PostgreSQL, as `--db` names it."""
