"""Derive steps: each builds one day's rows of a derived table from the warehouse and raw store.

These are the glue between the pure libraries (extract, dedup, relations) and the warehouse;
the Dagster assets only call them per partition day and record metadata.
"""
