"""What goes wrong in a scenario file, said with its place: `file:line:column: message`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass

from game.safeio import clean


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a scenario file.

    `line` and `column` are 1-based. Both are 0 when the problem concerns the file as a
    whole (it is missing, too big, a directory, or an unknown scenario id); `str()` then
    leaves the place out and reads `file: message`.
    """

    file: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        message = clean(self.message)  # one line, whatever values it quotes
        if self.line <= 0:
            return f"{clean(self.file)}: {message}"
        return f"{clean(self.file)}:{self.line}:{self.column}: {message}"

    def as_dict(self) -> dict[str, str | int]:
        return asdict(self)


class ScenarioError(Exception):
    """A scenario could not be loaded; `problems` lists every reason found, in file order."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)
