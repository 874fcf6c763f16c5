"""Vocabularies whose structure the Table Schemas cannot express: which sub-event type belongs to which
event type (ACLED), which ACLED interaction code goes with each actor type, and which measures count
people. Their values are the schemas' enums; tests hold the two together."""

from __future__ import annotations

# The sub-event types that change who holds a place. The territory_changes and daily_summary views
# spell the same list in SQL; a test holds them to this one.
TERRITORY_SUB_EVENTS = (
    "Non-state actor overtakes territory",
    "Government regains territory",
    "Non-violent transfer of territory",
)

ACLED_SUB_EVENT_TYPES: dict[str, str] = {
    "Armed clash": "Battles",
    "Government regains territory": "Battles",
    "Non-state actor overtakes territory": "Battles",
    "Chemical weapon": "Explosions/Remote violence",
    "Air/drone strike": "Explosions/Remote violence",
    "Suicide bomb": "Explosions/Remote violence",
    "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Remote explosive/landmine/IED": "Explosions/Remote violence",
    "Grenade": "Explosions/Remote violence",
    "Sexual violence": "Violence against civilians",
    "Attack": "Violence against civilians",
    "Abduction/forced disappearance": "Violence against civilians",
    "Excessive force against protesters": "Protests",
    "Protest with intervention": "Protests",
    "Peaceful protest": "Protests",
    "Violent demonstration": "Riots",
    "Mob violence": "Riots",
    "Agreement": "Strategic developments",
    "Arrests": "Strategic developments",
    "Change to group/activity": "Strategic developments",
    "Disrupted weapons use": "Strategic developments",
    "Headquarters or base established": "Strategic developments",
    "Looting/property destruction": "Strategic developments",
    "Non-violent transfer of territory": "Strategic developments",
    "Other": "Strategic developments",
}

# ACLED interaction codes allowed for each actor type; an empty tuple means the actor does not fight
# and carries no code. Syrian state forces are 1; foreign state forces are 8 (external/other forces).
ACLED_INTER_BY_ACTOR_TYPE: dict[str, tuple[int, ...]] = {
    "state_forces": (1, 8),
    "rebel_group": (2,),
    "political_militia": (3,),
    "identity_militia": (4,),
    "rioters": (5,),
    "protesters": (6,),
    "civilians": (7,),
    "external_force": (8,),
    "coalition": (1, 2, 3, 4, 8),
    "government": (),
    "monitor": (),
    "intergovernmental": (),
    "media": (),
    "ngo": (),
}

# Measures that do not count people take the population "not_applicable", and only they do.
MEASURES_NOT_COUNTING_PEOPLE = ("places_captured", "area_captured_km2", "air_strikes")

# Bounding box of Syria (WGS84), with a small margin for border crossings.
SYRIA_BBOX = {"lat_min": 32.3, "lat_max": 37.35, "lon_min": 35.6, "lon_max": 42.4}

# How far a place may lie from its GeoNames record before the coordinates are called wrong.
GEONAMES_MAX_KM = 10.0
