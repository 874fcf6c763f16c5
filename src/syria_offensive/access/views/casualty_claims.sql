-- casualty_claims: the casualty figures (measures killed, injured and killed_or_injured) as time
-- series, one per claimant. A series is one claimant counting one measure of one population (and
-- subject actor) over one scope (an event, a place, or the whole offensive when both are empty) and
-- of one kind: running totals (cumulative, per period_start) or counts of a single day or event.
-- report_number numbers a series' points in order of reported_date, then figure_id; change_best is
-- the change of value_best since the claimant's previous point in the same series (NULL for the
-- first point or when either value is missing).
CREATE VIEW casualty_claims AS
SELECT f.claimant_actor_id, c.name AS claimant, f.measure, f.population,
       f.subject_actor_id, sa.name AS subject_actor, f.event_id, f.place_id, f.cumulative,
       f.reported_date, f.period_start, f.period_end, f.qualifier,
       f.value_low, f.value_best, f.value_high,
       row_number() OVER series AS report_number,
       f.value_best - lag(f.value_best) OVER series AS change_best,
       f.figure_id, f.source_id, s.publisher, s.url, f.note
FROM figures f
LEFT JOIN actors c ON c.actor_id = f.claimant_actor_id
LEFT JOIN actors sa ON sa.actor_id = f.subject_actor_id
LEFT JOIN sources s ON s.source_id = f.source_id
WHERE f.measure IN ('killed', 'injured', 'killed_or_injured')
WINDOW series AS (
    PARTITION BY f.claimant_actor_id, f.measure, f.population, f.subject_actor_id, f.event_id,
                 f.place_id, f.cumulative, CASE WHEN f.cumulative THEN f.period_start END
    ORDER BY f.reported_date, length(f.figure_id), f.figure_id
)
ORDER BY f.claimant_actor_id, f.measure, f.population, f.subject_actor_id NULLS FIRST,
         f.event_id NULLS FIRST, f.place_id NULLS FIRST, f.cumulative, f.period_start,
         f.reported_date, length(f.figure_id), f.figure_id;
