"""Build hook: ship the top-level scenarios/ and assets/ folders inside the `game` package.

They stay top-level in the repository (where authors look for them) and land in the wheel
as `game/scenarios/` and `game/assets/`; `game.resources` finds them in either place.
Everything else about the build is declared in pyproject.toml.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
DATA_FOLDERS = ("scenarios", "assets")


class BuildWithData(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads the folders in place
        for name in DATA_FOLDERS:
            source = HERE / name
            target = Path(self.build_lib) / "game" / name
            if target.exists():
                shutil.rmtree(target)
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))


setup(cmdclass={"build_py": BuildWithData})
