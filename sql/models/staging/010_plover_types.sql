-- The 16 PLOVER event types with their quad class as PLOVER groups them (close to the CAMEO
-- roots they come from: 01-05 verbal cooperation, 06-08 material cooperation, 09-13 verbal
-- conflict, 14-20 material conflict, except REQUEST, a verbal cooperation in PLOVER although
-- CAMEO's "demand" root sits among verbal conflict), so charts and queries colour and filter
-- events by tone with one shared mapping.
SELECT relation_type, quad_class, quad_class LIKE '%conflict' AS is_conflict, display_order
FROM (VALUES
    ('AGREE',     'verbal cooperation',   1),
    ('CONSULT',   'verbal cooperation',   2),
    ('SUPPORT',   'verbal cooperation',   3),
    ('REQUEST',   'verbal cooperation',   4),
    ('COOPERATE', 'material cooperation', 5),
    ('AID',       'material cooperation', 6),
    ('CONCEDE',   'material cooperation', 7),
    ('RETREAT',   'material cooperation', 8),
    ('ACCUSE',    'verbal conflict',      9),
    ('REJECT',    'verbal conflict',      10),
    ('THREATEN',  'verbal conflict',      11),
    ('PROTEST',   'material conflict',    12),
    ('MOBILIZE',  'material conflict',    13),
    ('SANCTION',  'material conflict',    14),
    ('COERCE',    'material conflict',    15),
    ('ASSAULT',   'material conflict',    16)
) AS t(relation_type, quad_class, display_order)
