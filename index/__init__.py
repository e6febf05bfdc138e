"""German text analysis, the Whoosh schema and index builds (issue 4)."""
