"""Capture: the only network step. Polls feeds, discovers entries, archives article pages to WARC."""
