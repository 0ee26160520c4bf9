"""Measures as the catalogue routes and pages list them."""

from __future__ import annotations

from service.api.schemas import MeasureSummary, measure_summary
from service.engine import Engine


def filter_measures(
    engine: Engine, policy: int | None = None, goal: int | None = None, initiative: str | None = None
) -> list[MeasureSummary]:
    """Measures placed under the given policy, goal and initiative (all when unset), in document order."""
    out = []
    for card in engine.cards:
        summary = measure_summary(card)
        if policy is not None and policy not in summary.policies:
            continue
        if goal is not None and goal not in summary.goals:
            continue
        if initiative is not None and initiative not in summary.initiatives:
            continue
        out.append(summary)
    return out
