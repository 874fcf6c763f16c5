-- territory_changes: who took which place when. One row per event whose sub_event_type is
-- 'Non-state actor overtakes territory', 'Government regains territory' or 'Non-violent transfer of
-- territory'. As events are coded in this dataset, actor1 (with assoc_actor1) is the party that
-- took the place and actor2 (with assoc_actor2) the party that lost or handed it over; taken_by and
-- taken_from hold their names, the *_ids columns their ids, and taken_by_side / taken_from_side the
-- sides (actors.side) of the main actors, joined with '; ' when there are several. date_precision and
-- geo_precision are the event's: a change known only as "north of Hama" has geo_precision 2, so
-- "when did each city change hands" keeps geo_precision = 1.
CREATE VIEW territory_changes AS
WITH sides AS (
    SELECT x.event_id,
           string_agg(DISTINCT a.side, '; ' ORDER BY a.side) FILTER (WHERE x.role = 'actor1') AS taken_by_side,
           string_agg(DISTINCT a.side, '; ' ORDER BY a.side) FILTER (WHERE x.role = 'actor2') AS taken_from_side
    FROM event_actors x
    JOIN actors a USING (actor_id)
    GROUP BY x.event_id
)
SELECT e.event_date, e.end_date, e.date_precision, e.geo_precision, e.event_id, e.sub_event_type,
       e.place_id, e.place_name, e.place_name_ar, e.place_type, e.admin1, e.admin1_pcode,
       e.latitude, e.longitude,
       e.actor1 AS taken_by, e.assoc_actor1 AS taken_by_assoc, s.taken_by_side,
       e.actor2 AS taken_from, e.assoc_actor2 AS taken_from_assoc, s.taken_from_side,
       e.actor1_ids AS taken_by_ids, e.actor2_ids AS taken_from_ids,
       e.source_count, e.publisher_count
FROM events_enriched e
LEFT JOIN sides s USING (event_id)
WHERE e.sub_event_type IN ('Non-state actor overtakes territory', 'Government regains territory',
                           'Non-violent transfer of territory')
ORDER BY e.event_date, e.event_id;
