"""What the web hands us, made usable: URLs (keys, hosts, sites), dates (feed strings, page
markup) and bytes (Content-Encoding, charsets). Pure functions used by capture, extract and
dedup alike, so each rule has one home; this package imports nothing else from ``etl``.
"""
