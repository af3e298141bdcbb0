"""`story(scenario, runs)`: what happens in a scenario's story, player by player.

Each scripted player (and, when asked, the best game a search finds in each mode) plays
`runs` games (seeds 0 to runs-1). For each player the report
counts how often each event fires, in how many of the games, and which answer is taken, each project's outcome
(on time, late, overdue, never started, open) and the mean round it shipped in, how often
each lesson shows, and how often each flag is set at the end. Every event, project,
lesson and flag of the scenario is listed, so a story beat that never happens shows as 0.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from game.analysis.strategies import make_strategy, play
from game.rules.records import GameResult
from game.rules.session import GameSession
from game.scenario.types import Scenario
from game.story.branch import Steer

PLAYERS: tuple[str, ...] = ("balanced", "manager-only", "leader-only", "random")
OUTCOMES: tuple[str, ...] = ("on_time", "late", "overdue", "never_started", "open")
SEARCH_MODES: tuple[str, ...] = ("free", "fixed", "manager-only", "leader-only")
SEARCH_NOTE = ("scripted players only; add --search EFFORT for the best games a search finds "
               "in each mode (best-free, best-fixed, best-manager-only, best-leader-only)")


@dataclass
class PlayerStory:
    events: dict[str, dict[str, Any]] = field(default_factory=dict)
    projects: dict[str, dict[str, Any]] = field(default_factory=dict)
    lessons: dict[str, int] = field(default_factory=dict)
    flags: dict[str, int] = field(default_factory=dict)


@dataclass
class StoryReport:
    scenario: str
    runs: int
    players: dict[str, PlayerStory]
    searched: bool = False

    @property
    def note(self) -> str:
        return "scripted and searched players" if self.searched else SEARCH_NOTE

    def as_dict(self) -> dict[str, Any]:
        return {"scenario": self.scenario, "runs": self.runs, "note": self.note,
                "players": {name: {"events": p.events, "projects": p.projects,
                                   "lessons": p.lessons, "flags": p.flags}
                            for name, p in self.players.items()}}


def flag_names(scenario: Scenario) -> list[str]:
    names = [name for e in scenario.events for c in e.choices for name, _ in (*c.sets, *c.adds)]
    return list(dict.fromkeys(names))


def outcome(state: str, progress: float) -> str:
    """A project's end state in the story's words."""
    if state == "shipped":
        return "on_time"
    if state == "shipped late":
        return "late"
    if progress <= 0.0:
        return "never_started"
    return "overdue" if state == "missed" else "open"


def _empty(scenario: Scenario) -> PlayerStory:
    story = PlayerStory()
    for event in scenario.events:
        story.events[event.id] = {"fired": 0, "games": 0,
                                  "answers": {c.label: 0 for c in event.choices}}
    for project in scenario.projects:
        story.projects[project.id] = {**{o: 0 for o in OUTCOMES}, "mean_round_shipped": None}
    story.lessons = {lesson.text: 0 for lesson in scenario.debrief}
    story.flags = {name: 0 for name in flag_names(scenario)}
    return story


def _count(story: PlayerStory, result: GameResult, flags: dict[str, float],
           shipped_rounds: dict[str, list[int]]) -> None:
    fired_in_game: set[str] = set()
    for record in result.history:
        for answer in record.events:
            event = story.events[answer.event_id]
            event["fired"] += 1
            event["answers"][answer.choice] += 1
            fired_in_game.add(answer.event_id)
        for project in record.projects:
            if project.state in ("shipped", "shipped late") and project.id not in shipped_rounds:
                shipped_rounds[project.id] = [record.round]
    for event_id in fired_in_game:   # a repeating event fires more often than there are games
        story.events[event_id]["games"] += 1
    for project in result.history[-1].projects:
        story.projects[project.id][outcome(project.state, project.progress)] += 1
    for text in result.lessons:
        story.lessons[text] += 1
    for name, value in flags.items():
        if value != 0:
            story.flags[name] = story.flags.get(name, 0) + 1


def _scripted(scenario: Scenario, name: str, steer: Steer) -> Callable[[int], GameSession]:
    return lambda seed: play(steer.session(scenario, seed), make_strategy(name, seed))


def story(scenario: Scenario, runs: int, players: tuple[str, ...] = PLAYERS,
          search_effort: float | None = None, modes: tuple[str, ...] = SEARCH_MODES,
          steer: Steer | None = None, found: dict[str, Any] | None = None) -> StoryReport:
    """The story for each scripted player, and with `search_effort` for the best game the
    search finds in each of `modes` (game/search/players.py; slow: it is opt-in). `found`
    gives sequences already searched (mode -> DecisionSequence); `steer` plays a branch."""
    steer = steer or Steer()
    games = {name: _scripted(scenario, name, steer) for name in players}
    sequences = dict(found or {})
    if search_effort is not None:
        from game.search.players import Budget, search

        for mode in modes:
            if mode not in sequences:
                sequences[mode] = search(scenario, mode, Budget.scaled(search_effort)).sequence
    if sequences:
        from game.search.story import play_sequence

        def searched(seq: Any) -> Callable[[int], GameSession]:
            return lambda seed: play_sequence(scenario, seq, seed, steer.session(scenario, seed))

        for mode, sequence in sequences.items():
            games[f"best-{mode}"] = searched(sequence)
    report = StoryReport(scenario.id, runs, {}, bool(sequences))
    for name, game in games.items():
        told = _empty(scenario)
        rounds: dict[str, list[int]] = {p.id: [] for p in scenario.projects}
        for seed in range(runs):
            session = game(seed)
            first: dict[str, list[int]] = {}
            _count(told, session.result(), session.flags, first)
            for pid, r in first.items():
                rounds[pid] += r
        for pid, shipped in rounds.items():
            if shipped:
                told.projects[pid]["mean_round_shipped"] = round(sum(shipped) / len(shipped), 3)
        report.players[name] = told
    return report
