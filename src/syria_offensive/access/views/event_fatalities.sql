-- event_fatalities: one row per event that has at least one `killed` figure attached to it
-- (figures.event_id), with a derived low / best / high number of people killed. Derived, not
-- reported: the figures themselves stay in the figures table and the casualty_claims view.
--
-- The rule, step by step:
-- 1. Take the figures with measure = 'killed' and an event_id.
-- 2. Per event and claimant, keep only the claimant's latest report: the figures with the greatest
--    reported_date (a claimant's updated toll replaces their earlier ones).
-- 3. Within that report, if the claimant gave several figures for the same population and subject
--    actor, keep the one recorded last (the longest, then greatest, figure_id).
-- 4. The claimant's count: its whole-event figure (population 'all', no subject actor) if it gave
--    one; otherwise the sum of its other figures, taken as disjoint parts (civilians, combatants of
--    each subject actor), leaving out 'children', who are counted within civilians. For a sum, a
--    bound is known only when every part has it.
-- 5. Each count has low-or-best = coalesce(value_low, value_best) and
--    high-or-best = coalesce(value_high, value_best).
-- 6. Over the claimants: low = the smallest low-or-best; high = the largest high-or-best; best = the
--    median of the claimants' best values (the mean of the middle two for an even number). A bound
--    no claimant gave stays NULL.
-- civilians_best is the median of the claimants' latest best values for population 'civilians'
-- (no subject actor); claimants counts the claimants used; figure_ids lists the figures used.
CREATE VIEW event_fatalities AS
WITH killed AS (
    SELECT * FROM figures WHERE measure = 'killed' AND event_id IS NOT NULL
),
latest AS (
    SELECT * FROM killed
    QUALIFY reported_date = max(reported_date) OVER (PARTITION BY event_id, claimant_actor_id)
),
parts AS (
    SELECT *, (population = 'all' AND subject_actor_id IS NULL) AS whole
    FROM latest
    WHERE population <> 'children'
    QUALIFY row_number() OVER (
        PARTITION BY event_id, claimant_actor_id, population, subject_actor_id
        ORDER BY length(figure_id) DESC, figure_id DESC
    ) = 1
),
claimant_counts AS (
    SELECT event_id, claimant_actor_id,
           coalesce(value_low, value_best) AS low,
           CAST(value_best AS DOUBLE) AS best,
           coalesce(value_high, value_best) AS high,
           [figure_id] AS figure_ids
    FROM parts
    WHERE whole
    UNION ALL
    SELECT event_id, claimant_actor_id,
           CASE WHEN count(*) = count(coalesce(value_low, value_best))
                THEN CAST(sum(coalesce(value_low, value_best)) AS BIGINT) END,
           CASE WHEN count(*) = count(value_best) THEN CAST(sum(value_best) AS DOUBLE) END,
           CASE WHEN count(*) = count(coalesce(value_high, value_best))
                THEN CAST(sum(coalesce(value_high, value_best)) AS BIGINT) END,
           list(figure_id ORDER BY figure_id)
    FROM parts p
    WHERE NOT whole
      AND NOT EXISTS (
          SELECT 1 FROM parts w
          WHERE w.whole AND w.event_id = p.event_id AND w.claimant_actor_id = p.claimant_actor_id
      )
    GROUP BY event_id, claimant_actor_id
),
civilians AS (
    SELECT event_id, median(value_best) AS civilians_best
    FROM parts
    WHERE population = 'civilians' AND subject_actor_id IS NULL
    GROUP BY event_id
)
SELECT c.event_id,
       count(*) AS claimants,
       min(c.low) AS low,
       median(c.best) AS best,
       max(c.high) AS high,
       any_value(v.civilians_best) AS civilians_best,
       list_sort(flatten(list(c.figure_ids))) AS figure_ids
FROM claimant_counts c
LEFT JOIN civilians v USING (event_id)
GROUP BY c.event_id
ORDER BY c.event_id;
