"""ACLED's words for what this package codes differently, from ACLED's codebook (current edition):
the disorder type of each sub-event type, the text labels of the actor-type (inter) codes, and how two
actor types make an interaction label."""

from __future__ import annotations

# Codebook, Table 2. 'Excessive force against protesters' belongs to both disorder types.
DISORDER_TYPE_BY_SUB_EVENT: dict[str, str] = {
    **dict.fromkeys(
        ("Government regains territory", "Non-state actor overtakes territory", "Armed clash"),
        "Political violence",
    ),
    "Excessive force against protesters": "Political violence; Demonstrations",
    "Protest with intervention": "Demonstrations",
    "Peaceful protest": "Demonstrations",
    "Violent demonstration": "Demonstrations",
    "Mob violence": "Political violence",
    **dict.fromkeys(
        (
            "Chemical weapon",
            "Air/drone strike",
            "Suicide bomb",
            "Shelling/artillery/missile attack",
            "Remote explosive/landmine/IED",
            "Grenade",
            "Sexual violence",
            "Attack",
            "Abduction/forced disappearance",
        ),
        "Political violence",
    ),
    **dict.fromkeys(
        (
            "Agreement",
            "Arrests",
            "Change to group/activity",
            "Disrupted weapons use",
            "Headquarters or base established",
            "Looting/property destruction",
            "Non-violent transfer of territory",
            "Other",
        ),
        "Strategic developments",
    ),
}

# ACLED now writes inter1/inter2 as text; the numbers are the codes actors.acled_inter holds.
INTER_LABELS: dict[int, str] = {
    1: "State forces",
    2: "Rebel group",
    3: "Political militia",
    4: "Identity militia",
    5: "Rioters",
    6: "Protesters",
    7: "Civilians",
    8: "External/Other forces",
}

CIVILIAN_TARGETING = "Civilian targeting"


def interaction(inter1: int | None, inter2: int | None) -> str | None:
    """ACLED's interaction label: the lower code first ('State forces-Rebel group'), '<type> only' for one
    actor; 7 with 8 is written 'External/Other forces-Civilians', as in the codebook."""
    codes = sorted(c for c in (inter1, inter2) if c is not None)
    if not codes or inter1 is None:
        return None
    if len(codes) == 1:
        return f"{INTER_LABELS[codes[0]]} only"
    if codes == [7, 8]:
        return f"{INTER_LABELS[8]}-{INTER_LABELS[7]}"
    return f"{INTER_LABELS[codes[0]]}-{INTER_LABELS[codes[1]]}"


# The inter code of an actor whose row carries none (actors.acled_inter is empty for the types the
# validator keeps uncoded, because they do not fight), as ACLED's codebook assigns it by the kind of
# actor (docs/exports.md, "Actor types without a code"):
# - a government is a state actor: Syria's own (country SY, side government) is State forces (1); a
#   foreign government acting in Syria is External/Other forces (8), as ACLED codes state forces
#   outside their country; a Syrian authority of the opposition or the SDF (Salvation Government,
#   Interim Government, AANES) is coded like the armed groups of its side, Rebel group (2);
# - an intergovernmental body (UN agencies, UNDOF) is External/Other forces (8);
# - media, monitors and NGOs, as the target of an event, are Civilians (7) (journalists, aid workers).
DERIVED_INTER_BY_ACTOR_TYPE: dict[str, int] = {"intergovernmental": 8, "media": 7, "monitor": 7, "ngo": 7}
SYRIA_ALPHA2 = "SY"


def actor_inter(
    actor_type: str, side: str | None, country: str | None, acled_inter: int | None
) -> int | None:
    """The actor's ACLED inter code: its own acled_inter, else the one its type implies (above)."""
    if acled_inter is not None:
        return acled_inter
    if actor_type == "government":
        if country != SYRIA_ALPHA2:
            return 8
        return 1 if side == "government" else 2
    return DERIVED_INTER_BY_ACTOR_TYPE.get(actor_type)


# ACLED's source scales (narrowest first, the order in which combined scales are written, joined by
# '-') and the scale given to each of this package's source classes (sources.source_type). The class is
# all the package records about a source's reach, so the mapping is coarse: see docs/exports.md.
SOURCE_SCALES = ("Local", "Sub-national", "National", "Regional", "International", "Other")
SOURCE_SCALE_BY_TYPE: dict[str, str] = {
    "wire": "International",
    "news": "International",
    "broadcast_transcript": "International",
    "state_media": "International",
    "government": "International",
    "armed_group_channel": "Other",
    "monitor": "National",
    "intergovernmental": "International",
    "ngo": "Other",
    "encyclopedia": "Other",
    "commentary": "Other",
    "gazetteer": "Other",
}


def source_scale(source_types: list[str]) -> str | None:
    """ACLED's source_scale of an event from its sources' classes: the distinct scales, narrowest first."""
    found = {SOURCE_SCALE_BY_TYPE[t] for t in source_types if t in SOURCE_SCALE_BY_TYPE}
    return "-".join(s for s in SOURCE_SCALES if s in found) or None
