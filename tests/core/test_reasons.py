"""The round report's reasons read as causes a workshop participant recognises: no label
says something good next to a loss (or bad next to a gain), none states a fact the records
deny, every one explains itself and names a lever, and the coach's advice varies, names a
lever and, in hot-seat, the player whose phase it is."""

from __future__ import annotations

import re

import pytest

from game.analysis.strategies import STRATEGIES, make_strategy, play
from game.rules.reasons import (
    BY_KEY,
    EVENT_REASON,
    HIDDEN,
    LANDED_REASON,
    REASONS,
    explain,
    reason_of,
)
from game.rules.records import RoundRecord
from game.rules.remarks import remark
from game.rules.session import GameSession
from game.scenario import list_scenarios, load_scenario

SCENARIOS = [p.stem for p in list_scenarios()]
PLAYERS = [name for name in STRATEGIES if name != "greedy"]   # greedy searches: too slow here
# Words a participant reads as good news or bad news (the test's own list, not the table's).
GOOD = re.compile(r"\b(kept|improving|rising|filling|picking up|believe|shipped|launched|"
                  r"recognition|celebrating|town hall|coaching|wellbeing budget)\b", re.I)
BAD = re.compile(r"\b(missed|hurt|slipping|fading|drying|slowing|losing|not understood|"
                 r"sinking|no leadership|no vision|pressure|cynicism|fatigue|leaving|"
                 r"out of step|struck|losses|weighing)\b", re.I)
SHOWN = 0.05   # the report shows a value this small as 0.0


def games() -> list[tuple[str, str, list[RoundRecord]]]:
    return [(sid, name, play(GameSession(load_scenario(sid), 5), make_strategy(name, 5)).history)
            for sid in SCENARIOS for name in PLAYERS]


@pytest.fixture(scope="module")
def played() -> list[tuple[str, str, list[RoundRecord]]]:
    return games()


def shipped_now(record: RoundRecord, previous: RoundRecord | None, kind: str | None = None
                ) -> bool:
    before = {p.id: p.state for p in previous.projects} if previous else {}
    return any(p.state.startswith("shipped") and not before.get(p.id, "open").startswith("shipped")
               and (kind is None or (p.kind == "innovation") == (kind == "innovation"))
               for p in record.projects)


def test_no_label_contradicts_its_sign_or_the_records(played) -> None:
    checked = 0
    for sid, name, history in played:
        for i, record in enumerate(history):
            previous = history[i - 1] if i else None
            for metric, drivers in record.drivers.items():
                for label, value in drivers:
                    where = (sid, name, record.round, metric, label, round(value, 3))
                    words = label.removesuffix(HIDDEN).lower()
                    if reason_of(label) in (EVENT_REASON, LANDED_REASON):
                        continue
                    if value >= SHOWN:
                        assert not BAD.search(words) or GOOD.search(words), where
                    if value <= -SHOWN:
                        assert not GOOD.search(words) or BAD.search(words), where
                    if abs(value) >= SHOWN:
                        checked += 1
                    # a fact in the words holds in the records
                    if record.round == 1:
                        assert "earlier rounds" not in words and "catching up" not in words, where
                    if words in ("work shipped", "projects shipped", "ideas launched"):
                        kind = {"projects shipped": "delivery", "ideas launched": "innovation"}
                        assert shipped_now(record, previous, kind.get(words)), where
                    if words == "deadlines missed":
                        assert any(p.state == "missed" for p in record.projects), where
                    if words == "risk event struck":
                        assert record.risk_event, where
                    if words == "people leaving":
                        assert record.left > 0, where
                    if words == "no vision to follow":
                        assert record.vision is None, where
                    if words == "vision still sinking in":
                        assert previous is None or previous.vision == record.vision, where
    assert checked > 2000   # the check had plenty to check


def test_the_participants_complaints_are_gone(played) -> None:
    """The labels a first-time participant found misleading are reworded."""
    labels = {label for _, _, history in played for record in history
              for drivers in record.drivers.values() for label, _ in drivers}
    assert not labels & {"Vision not clear (yet)", "Deadlines kept", "Innovation work shipped",
                         "Catching up with earlier rounds"}
    assert {"Vision still sinking in", "On-time record hurt", "Innovation work slowing"} <= labels


def test_every_label_explains_itself_and_names_a_lever(played) -> None:
    for _, _, history in played:
        for record in history:
            for drivers in record.drivers.values():
                for label, _ in drivers:
                    line = explain(label)
                    assert "Lever: " in line and "\n" not in line, label
                    reason = reason_of(label)
                    if reason in (EVENT_REASON, LANDED_REASON):   # the scenario's own words
                        assert label.startswith("Event: ") or ", chosen in round " in label
                    elif reason.cause:
                        assert reason.key in BY_KEY and reason.tip, label
    assert all(r.lever and r.why and r.role in ("leader", "manager", "") for r in REASONS)


def test_the_coach_varies_and_every_remark_names_a_lever(played) -> None:
    levers = {r.lever for r in REASONS if r.tip}
    for sid, name, history in played:
        remarks = [record.coach for record in history]
        assert len(set(remarks)) == len(remarks), (sid, name)
        openings = {remark.split(".")[0].split(":")[0].split("(")[0] for remark in remarks}
        assert len(openings) > 1 or name == "random", (sid, name, openings)
        for record in history:
            named = [lever for lever in levers if f"({lever})." in record.coach]
            assert named, (sid, name, record.round, record.coach)
        advice = {lever for record in history for lever in levers if f"({lever})." in record.coach}
        assert len(advice) > 1, (sid, name, advice)


def test_hot_seat_advice_names_the_player_whose_phase_it_is(played) -> None:
    names = ("Ana", "Ben")
    seen = set()
    for sid, _, history in played:
        scenario = load_scenario(sid)
        for i, record in enumerate(history):
            text = remark(scenario, record, history[:i], names)
            assert text.startswith(record.coach.split(". ")[0])   # the same remark, addressed
            addressed = re.findall(r"(\w+), as (leader|manager) next \w+, [a-z ]+: [^(]*\((\w+):",
                                   text)
            assert len(addressed) == 1, text
            player, role, lever = addressed[0]
            assert player == names[("leader", "manager").index(role)], text
            assert lever == role.capitalize(), text   # the lever is in that player's phase
            seen.add(role)
    assert seen == {"leader", "manager"}


def test_doing_nothing_is_never_praised_and_still_gets_advice() -> None:
    from tests.core.test_coach import HandsOff

    history = play(GameSession(load_scenario("first-voyage"), 1), HandsOff()).history
    for record in history:
        assert "gained most" not in record.coach and "keep it up" not in record.coach
        assert re.search(r"try this( again)?: [^(]+\((Leader|Manager): ", record.coach), record.coach
    assert any("(Leader: " in record.coach for record in history)
