"""Queries, facets and similar cooperations over the index (issue 4)."""
