-- Dyad time series by day (one row per day, country pair and event type).
CREATE OR REPLACE VIEW dyad_daily AS
SELECT period_start AS day, * EXCLUDE (period, period_start, active_days)
FROM dyad_periods
WHERE period = 'day';
