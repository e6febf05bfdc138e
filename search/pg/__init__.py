"""The PostgreSQL storage engine (``index.pg``) under the search core: the same requests
and results as ``search.service.ProfileSearch`` (both are ``search.core.SearchService``).
Documents, postings, facet codes and the vocabulary live in the database (primary and
streaming replicas); each worker reads a generation's narrow columns once, and the core
runs the ranking, filter and facet arithmetic it shares with the Whoosh engine."""
