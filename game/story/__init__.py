"""The story check: does a scenario's story happen when people play it?"""

from game.story.check import PLAYERS, SEARCH_NOTE, StoryReport, story

__all__ = ["PLAYERS", "SEARCH_NOTE", "StoryReport", "story"]
