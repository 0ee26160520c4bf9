"""Filters by policy, goal and initiative are checked against the loaded catalogue, not fixed ranges."""

from __future__ import annotations

from fastapi import HTTPException

from ingest.catalogue import Catalogue


def check_facets(
    catalogue: Catalogue, policy: int | None = None, goal: int | None = None, initiative: str | None = None
) -> None:
    """422 naming the valid values when a filter names a policy, goal or initiative the corpus does not have."""
    facets: list[tuple[str, object, list[object]]] = [
        ("policy", policy, [p.number for p in catalogue.policies]),
        ("goal", goal, [g.number for g in catalogue.goals]),
        ("initiative", initiative, [i.code for i in catalogue.initiatives]),
    ]
    for name, value, valid in facets:
        if value is not None and value not in valid:
            raise HTTPException(
                status_code=422,
                detail=f"invalid {name}: {value!r} is not in the catalogue; use one of {', '.join(map(str, valid))}",
            )
