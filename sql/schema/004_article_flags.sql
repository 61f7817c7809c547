-- Evidence found beside an article's text, recorded rather than acted on: a paywalled page
-- keeps the text it shows, and analysts decide what to do with teasers. Added in place like the
-- columns of 003 (a quoted literal default, a no-op once the column exists); rows written before
-- read false until their day is re-derived.
ALTER TABLE articles ADD COLUMN IF NOT EXISTS is_paywalled BOOLEAN DEFAULT 'false';
ALTER TABLE articles ADD COLUMN IF NOT EXISTS is_teaser BOOLEAN DEFAULT 'false';
