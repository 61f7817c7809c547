-- The 16 PLOVER event types with their quad class, following the CAMEO root each maps to
-- (01-05 verbal cooperation, 06-08 material cooperation, 09-13 verbal conflict, 14-20 material
-- conflict), so charts and queries colour and filter events by tone with one shared mapping.
CREATE OR REPLACE VIEW plover_types AS
SELECT relation_type, quad_class, quad_class LIKE '%conflict' AS is_conflict, display_order
FROM (VALUES
    ('AGREE',     'verbal cooperation',   1),
    ('CONSULT',   'verbal cooperation',   2),
    ('SUPPORT',   'verbal cooperation',   3),
    ('COOPERATE', 'material cooperation', 4),
    ('AID',       'material cooperation', 5),
    ('CONCEDE',   'material cooperation', 6),
    ('RETREAT',   'material cooperation', 7),
    ('REQUEST',   'verbal conflict',      8),
    ('ACCUSE',    'verbal conflict',      9),
    ('REJECT',    'verbal conflict',      10),
    ('THREATEN',  'verbal conflict',      11),
    ('PROTEST',   'material conflict',    12),
    ('MOBILIZE',  'material conflict',    13),
    ('SANCTION',  'material conflict',    14),
    ('COERCE',    'material conflict',    15),
    ('ASSAULT',   'material conflict',    16)
) AS t(relation_type, quad_class, display_order);
