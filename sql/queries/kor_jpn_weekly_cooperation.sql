-- Weekly KOR-JPN cooperation trend, both directions: distinct stories and outlets per week and
-- event type, cooperative quad classes only (agree, consult, support, cooperate, aid, ...).
SELECT week_start, dyad, relation_type, stories, sources, facts
FROM dyad_weekly
WHERE ((source_iso3 = 'KOR' AND target_iso3 = 'JPN') OR (source_iso3 = 'JPN' AND target_iso3 = 'KOR'))
  AND quad_class LIKE '%cooperation'
ORDER BY week_start, dyad, stories DESC, relation_type;
