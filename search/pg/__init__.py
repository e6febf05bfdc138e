"""The search service on PostgreSQL (``index.pg``): the same requests and results as
``search.service.ProfileSearch``. Documents, postings, facet codes and the vocabulary live
in the database (primary and streaming replicas); each worker reads a generation's narrow
columns once and runs the ranking, filter and facet arithmetic shared with the Whoosh
backend."""
