"""The search service on PostgreSQL (``index.pg``): the same requests and results as
``search.service.ProfileSearch``, with documents, postings, facets and the vocabulary in
the database and the ranking arithmetic shared with the Whoosh backend."""
