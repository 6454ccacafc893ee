-- Forget the generalised shapes of the given units (a regional rebuild). $1: 12-digit codes (text[]).
DELETE FROM unit_geom_generalised WHERE code = ANY ($1::text[]);
