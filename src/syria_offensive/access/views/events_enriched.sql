-- events_enriched: one row per event, with its place, its actors by role and how it is sourced.
-- actor1, assoc_actor1, actor2 and assoc_actor2 hold actor names joined with '; ' in name order
-- (ACLED's style); the *_ids columns hold the same actors' ids. source_count counts the event's
-- sources; publisher_count counts distinct publishers, taking a republished story's original
-- publisher, so it counts independent reporting; reports, claims and denials count the sources by
-- stance. killed_low, killed_best and killed_high come from the event_fatalities view (NULL when no
-- `killed` figure is attached to the event). geo_precision is the event's own location precision;
-- place_geo_precision that of the place's coordinates. admin2 and admin3 are the place's district and
-- sub-district where a source states them; admin_status says why they are empty otherwise.
CREATE VIEW events_enriched AS
WITH roles AS (
    SELECT x.event_id,
           string_agg(a.name, '; ' ORDER BY a.name) FILTER (WHERE x.role = 'actor1') AS actor1,
           string_agg(a.name, '; ' ORDER BY a.name) FILTER (WHERE x.role = 'assoc_actor1') AS assoc_actor1,
           string_agg(a.name, '; ' ORDER BY a.name) FILTER (WHERE x.role = 'actor2') AS actor2,
           string_agg(a.name, '; ' ORDER BY a.name) FILTER (WHERE x.role = 'assoc_actor2') AS assoc_actor2,
           list(a.actor_id ORDER BY a.name) FILTER (WHERE x.role = 'actor1') AS actor1_ids,
           list(a.actor_id ORDER BY a.name) FILTER (WHERE x.role = 'assoc_actor1') AS assoc_actor1_ids,
           list(a.actor_id ORDER BY a.name) FILTER (WHERE x.role = 'actor2') AS actor2_ids,
           list(a.actor_id ORDER BY a.name) FILTER (WHERE x.role = 'assoc_actor2') AS assoc_actor2_ids
    FROM event_actors x
    JOIN actors a USING (actor_id)
    GROUP BY x.event_id
),
sourcing AS (
    SELECT x.event_id,
           count(*) AS source_count,
           count(DISTINCT coalesce(s.original_publisher, s.publisher)) AS publisher_count,
           count(*) FILTER (WHERE x.stance = 'reports') AS reports,
           count(*) FILTER (WHERE x.stance = 'claims') AS claims,
           count(*) FILTER (WHERE x.stance = 'denies') AS denials
    FROM event_sources x
    JOIN sources s USING (source_id)
    GROUP BY x.event_id
)
SELECT e.event_id, e.event_date, e.end_date, e.date_precision, e.geo_precision, e.event_type, e.sub_event_type,
       e.civilian_targeting,
       e.place_id, p.name AS place_name, p.name_ar AS place_name_ar, p.place_type,
       p.admin1, p.admin1_pcode, p.iso_3166_2, p.admin2, p.admin3, p.admin_status,
       p.latitude, p.longitude, p.geo_precision AS place_geo_precision,
       r.actor1, r.assoc_actor1, r.actor2, r.assoc_actor2,
       r.actor1_ids, r.assoc_actor1_ids, r.actor2_ids, r.assoc_actor2_ids,
       coalesce(s.source_count, 0) AS source_count,
       coalesce(s.publisher_count, 0) AS publisher_count,
       coalesce(s.reports, 0) AS reports,
       coalesce(s.claims, 0) AS claims,
       coalesce(s.denials, 0) AS denials,
       f.low AS killed_low, f.best AS killed_best, f.high AS killed_high,
       e.summary
FROM events e
LEFT JOIN places p USING (place_id)
LEFT JOIN roles r USING (event_id)
LEFT JOIN sourcing s USING (event_id)
LEFT JOIN event_fatalities f USING (event_id)
ORDER BY e.event_id;
