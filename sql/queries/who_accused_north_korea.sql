-- Who accused North Korea this month, with evidence: one row per distinct accusation in a
-- story (syndicated copies count once), newest first. "This month" is the month of the latest
-- data, so the query also answers on an archive or the demo.
SELECT e.first_day AS day,
       array_to_string(e.source_actors, ', ') AS accuser,
       e.mode,
       e.outlets,
       e.evidence,
       e.evidence_url
FROM story_events e
WHERE e.relation_type = 'ACCUSE'
  AND list_contains(e.target_iso3, 'PRK')
  AND date_trunc('month', e.first_day) = (SELECT date_trunc('month', max(partition_date)) FROM relation_facts)
ORDER BY day DESC, outlets DESC, accuser;
