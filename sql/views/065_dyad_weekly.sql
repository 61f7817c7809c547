-- Dyad time series by ISO week (one row per week, country pair and event type), with the number
-- of days in the week the pair was active.
CREATE OR REPLACE VIEW dyad_weekly AS
SELECT period_start AS week_start, * EXCLUDE (period, period_start)
FROM dyad_periods
WHERE period = 'week';
