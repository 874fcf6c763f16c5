-- claim_series: every update of every running count, in order: one row per figure that has a
-- series_id (one claimant counting one measure of one population, and subject, over one scope).
-- series_label names the claimant, the measure, the population and the subject or place; point numbers
-- a series' updates by reported_date (then figure id) and points counts them; change_best is the
-- change of value_best since the previous update (NULL at the first point or where either value is
-- missing). reported_date_basis says whether reported_date is the day the claimant said it ('stated')
-- or only the carrying page's date ('published').
CREATE VIEW claim_series AS
SELECT f.series_id,
       c.name || ': ' || replace(f.measure, '_', ' ') || ', ' || replace(f.population, '_', ' ')
           || coalesce(' (' || sa.name || ')', '') || coalesce(' in ' || p.name, '') AS series_label,
       row_number() OVER w AS point,
       count(*) OVER (PARTITION BY f.series_id) AS points,
       f.reported_date, f.reported_date_basis, f.period_start, f.period_end, f.qualifier,
       f.value_low, f.value_best, f.value_high,
       f.value_best - lag(f.value_best) OVER w AS change_best,
       f.claimant_actor_id, c.name AS claimant, f.measure, f.population,
       f.subject_actor_id, sa.name AS subject_actor, f.place_id, p.name AS place_name, f.event_id,
       f.figure_id, f.source_id, s.publisher, s.url, f.note
FROM figures f
LEFT JOIN actors c ON c.actor_id = f.claimant_actor_id
LEFT JOIN actors sa ON sa.actor_id = f.subject_actor_id
LEFT JOIN places p ON p.place_id = f.place_id
LEFT JOIN sources s ON s.source_id = f.source_id
WHERE f.series_id IS NOT NULL
WINDOW w AS (PARTITION BY f.series_id ORDER BY f.reported_date, length(f.figure_id), f.figure_id)
ORDER BY f.series_id, point;
