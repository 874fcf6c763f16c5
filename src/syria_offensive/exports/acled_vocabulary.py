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
