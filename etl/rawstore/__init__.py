"""Raw store: WARC files of every archived response, written append-only and read back by offset."""
