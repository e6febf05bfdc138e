"""The PostgreSQL storage engine: the same documents as the Whoosh index, in tables.

One *index* (``--index NAME``) is a row in ``ikz_indexes`` pointing at its live
*generation*, a schema holding that generation's tables (``index.pg.schema``). Builds
load a new generation with ``COPY`` in one transaction that also moves the pointer;
updates change the live generation in place and bump its version. All German analysis
happens in Python (``index.analysis``): PostgreSQL never stems or splits a word.
"""
