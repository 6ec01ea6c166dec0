"""Every stored report is reproduced byte for byte (deliberate changes rebuild the snapshot)."""

from __future__ import annotations

from tests.snapshots.build import GENERATED, cases, load, outcome


def test_reports_match_the_snapshot() -> None:
    stored = load()
    names = []
    mismatched = []
    for name, events, as_of in cases():
        names.append(name)
        if stored.get(name) != outcome(events, as_of):
            mismatched.append(name)
    assert len(names) >= GENERATED + 18
    assert set(names) == set(stored), "cases added or removed: rebuild the snapshot deliberately"
    assert not mismatched, (
        f"{len(mismatched)} reports differ from the snapshot, e.g. {mismatched[:5]}; see "
        "`python tests/snapshots/build.py --diff`. Rebuild it only for a deliberate, "
        "changelogged change."
    )
