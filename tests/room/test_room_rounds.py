"""The room's own copy of each game (no server): a round counts once, and trouble on the room's
side never leaves a participant's game half-played."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from game.persistence.codec import decode_decision
from game.room import protocol
from game.room.db import Store
from game.room.protocol import Refused
from game.room.room import Player, Room
from game.room.rounds import encoded
from game.rules.decisions import ChooseOption, Continue, EndPhase
from game.rules.session import GameSession
from game.scenario import resolve_scenario

SCENARIO = "first-voyage"


@pytest.fixture
def room(tmp_path: Path) -> Room:
    store = Store(str(tmp_path / "room.sqlite"))
    made = Room.create(store, resolve_scenario(SCENARIO).read_text(encoding="utf-8"), SCENARIO, 4)
    yield made
    store.close()


def round_of(game: GameSession) -> protocol.RoundSubmission:
    """Play the game's next round (ending both phases, first answers) and describe it."""
    start = len(game.log)
    if game.history:
        game.apply(Continue())
        start += 1
    game.apply(EndPhase())
    game.apply(EndPhase())
    while game.pending_event is not None:
        game.apply(ChooseOption(0))
    decisions = tuple(decode_decision(d, "d") for d in encoded(game.log[start:]))
    return protocol.RoundSubmission(len(game.history), decisions, game.history[-1].score)


def joined(room: Room, name: str = "Ana") -> tuple[Player, GameSession]:
    player, _ = room.join(protocol.Join(room.row.code, (name,)))
    return player, GameSession(room.scenario, room.row.seed)


def test_a_round_the_database_could_not_take_is_refused_for_now_and_taken_when_sent_again(
        room: Room, monkeypatch: pytest.MonkeyPatch) -> None:
    room.control({"action": "start"})
    player, game = joined(room)
    assert room.submit(player, round_of(game))["duplicate"] is False
    second = round_of(game)
    real = room.store.add_round

    def locked(*args: object) -> None:
        raise OperationalError("INSERT INTO rounds", {}, Exception("database is locked"))

    monkeypatch.setattr(room.store, "add_round", locked)
    with pytest.raises(Refused) as refused:
        room.submit(player, second)
    assert refused.value.retry == "soon" and "\n" not in str(refused.value)
    assert len(player.session.history) == 1 and len(player.records) == 1   # not half-played
    monkeypatch.setattr(room.store, "add_round", real)
    assert room.submit(player, second) == {"type": "ack", "round": 2, "duplicate": False}
    assert [r.round for r in room.store.rounds(room.row.id)] == [1, 2]
