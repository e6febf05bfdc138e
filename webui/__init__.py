"""Flask web UI and JSON API (issue 5)."""
