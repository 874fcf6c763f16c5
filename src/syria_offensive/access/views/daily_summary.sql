-- daily_summary: one row per day, from the first to the last day of any event (event_date or
-- end_date). An event counts on its event_date (the first day of a span). Columns: the number of
-- events, by ACLED event type and with a territory change (sub-event types 'Non-state actor
-- overtakes territory', 'Government regains territory', 'Non-violent transfer of territory'); the
-- distinct places of those events; the event-source links of those events; the figures reported
-- that day (reported_date) and their distinct claimants; and the sums of the event_fatalities
-- low / best / high over that day's events that have them (NULL when none has).
CREATE VIEW daily_summary AS
WITH days AS (
    SELECT CAST(unnest(generate_series(min(event_date), max(coalesce(end_date, event_date)), INTERVAL 1 DAY)) AS DATE) AS day
    FROM events
),
by_day AS (
    SELECT e.event_date AS day,
           count(*) AS events,
           count(*) FILTER (WHERE e.event_type = 'Battles') AS battles,
           count(*) FILTER (WHERE e.event_type = 'Explosions/Remote violence') AS explosions_remote_violence,
           count(*) FILTER (WHERE e.event_type = 'Violence against civilians') AS violence_against_civilians,
           count(*) FILTER (WHERE e.event_type = 'Protests') AS protests,
           count(*) FILTER (WHERE e.event_type = 'Riots') AS riots,
           count(*) FILTER (WHERE e.event_type = 'Strategic developments') AS strategic_developments,
           count(*) FILTER (WHERE e.sub_event_type IN ('Non-state actor overtakes territory',
                            'Government regains territory', 'Non-violent transfer of territory')) AS territory_changes,
           count(DISTINCT e.place_id) AS places,
           CAST(sum(f.low) AS BIGINT) AS killed_low,
           sum(f.best) AS killed_best,
           CAST(sum(f.high) AS BIGINT) AS killed_high
    FROM events e
    LEFT JOIN event_fatalities f USING (event_id)
    GROUP BY e.event_date
),
links AS (
    SELECT e.event_date AS day, count(*) AS event_sources
    FROM event_sources x JOIN events e USING (event_id)
    GROUP BY e.event_date
),
reported AS (
    SELECT reported_date AS day, count(*) AS figures_reported, count(DISTINCT claimant_actor_id) AS claimants_reporting
    FROM figures
    GROUP BY reported_date
)
SELECT d.day,
       coalesce(b.events, 0) AS events,
       coalesce(b.battles, 0) AS battles,
       coalesce(b.explosions_remote_violence, 0) AS explosions_remote_violence,
       coalesce(b.violence_against_civilians, 0) AS violence_against_civilians,
       coalesce(b.protests, 0) AS protests,
       coalesce(b.riots, 0) AS riots,
       coalesce(b.strategic_developments, 0) AS strategic_developments,
       coalesce(b.territory_changes, 0) AS territory_changes,
       coalesce(b.places, 0) AS places,
       coalesce(l.event_sources, 0) AS event_sources,
       coalesce(r.figures_reported, 0) AS figures_reported,
       coalesce(r.claimants_reporting, 0) AS claimants_reporting,
       b.killed_low, b.killed_best, b.killed_high
FROM days d
LEFT JOIN by_day b USING (day)
LEFT JOIN links l USING (day)
LEFT JOIN reported r USING (day)
ORDER BY d.day;
