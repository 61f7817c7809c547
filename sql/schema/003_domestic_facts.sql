-- Domestic events: a fact whose source and target are the same country by design (police
-- against protesters, a government against rebels). Any other fact with one country on both
-- sides, or with no recipient country, is kept as a fact but is no country pair: see
-- sql/models/intermediate/030_fact_country_pairs.sql, which relation_daily is computed from.
--
-- Columns added after the first lakes were made are added here, in place, so that existing
-- lakes are brought up to date: ADD COLUMN IF NOT EXISTS does nothing (and commits no snapshot)
-- once the column is there. DuckLake takes only a literal default on ADD COLUMN and reads a
-- bare `false` as an expression, hence the quoted literal. Rows written before the column
-- existed read false (not domestic) until their day is re-derived; the views pair countries
-- at once, while relation_daily rows counted before keep their old pairs (recipient-less and
-- same-country ones included) until `etl derive` rebuilds their days.
ALTER TABLE relation_facts ADD COLUMN IF NOT EXISTS is_domestic BOOLEAN DEFAULT 'false';
ALTER TABLE relation_daily ADD COLUMN IF NOT EXISTS is_domestic BOOLEAN DEFAULT 'false';

-- Their descriptions, like every column's, are in sql/dictionary.yaml (written as COMMENT ON).
