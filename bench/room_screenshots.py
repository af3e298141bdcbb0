"""Screenshots of the room's pages for docs/workshop.md, taken in headless chromium.

Starts a room, has 12 headless participants (one hot-seat pair) play part of the game,
and saves the join page and the live dashboard; then plays to the end, ends the game and
saves the debrief. Needs chromium, chromium-driver and selenium (the test extra).
Run: python bench/room_screenshots.py [--out docs/img]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "room"))

from browser import chromium, missing  # noqa: E402
from room_helpers import RoomProcess, free_port  # noqa: E402

from game.analysis.strategies import make_strategy  # noqa: E402
from game.room.client import RoomClient, RoomLink  # noqa: E402
from game.rules.records import Phase  # noqa: E402
from game.rules.session import GameSession  # noqa: E402

NAMES = [["Ana", "Ben"], ["Chloé"], ["Dev"], ["Emeka"], ["Fatima"], ["Gus"], ["Hana"], ["Ivo"],
         ["Jules"], ["Kai"], ["Lena"], ["Mo"]]
STRATEGIES = ("balanced", "manager-only", "leader-only", "random", "balanced", "greedy")


def play(client: RoomClient, link: RoomLink, strategy: Any, until: int) -> None:
    session = link.session
    while not session.over and not (len(session.history) >= until and session.phase is Phase.REPORT):
        for decision in strategy.decide(session):
            session.apply(decision)
            link.sync()
    link.sync()
    client.wait_sent(30)


def shoot(driver: Any, path: Path, width: int = 1600) -> None:
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(width, min(int(height) + 20, 3000))
    time.sleep(0.5)
    driver.save_screenshot(str(path))
    print(f"wrote {path}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    args = parser.parse_args()
    if missing():
        print(f"room_screenshots: {missing()}", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        os.environ["SAIL_KEEL_HOME"] = folder
        room = RoomProcess(Path(folder) / "room.sqlite", free_port()).start(
            "scaling-new-markets", "--new", "--seed", "21")
        try:
            return run(room, args.out)
        finally:
            room.stop()


def run(room: RoomProcess, out: Path) -> int:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    clients = [RoomClient(room.address, room.code, names) for names in NAMES]
    for c in clients:
        c.join()
    scenario, _ = clients[0].scenario()
    seed = clients[0].welcome.seed  # type: ignore[union-attr]
    links = [RoomLink(c, GameSession(scenario, seed)) for c in clients]
    strategies = [make_strategy(STRATEGIES[i % len(STRATEGIES)], i) for i in range(len(clients))]
    room.control(action="timer", seconds=120)
    room.control(action="start")
    room.control(action="announce", text="Round 4: the board meets at 11:00 - decide before then")
    with chromium(1600, 1000) as driver:
        driver.get(room.url + "/")
        WebDriverWait(driver, 10).until(lambda d: d.find_element(By.ID, "scenario").text != "…")
        shoot(driver, out / "room-join.png", 1280)
        for i, (client, link) in enumerate(zip(clients, links, strict=True)):
            play(client, link, strategies[i], 3 + i % 3)
        room.control(action="inject", event=scenario.events[2].id, to=[2, 3, 4])
        clients[5].offline = True
        clients[5].drop_connection()
        driver.get(room.url + f"/dashboard#secret={room.secret}")
        WebDriverWait(driver, 10).until(lambda d: "12 joined" in d.find_element(By.ID, "count").text)
        time.sleep(1.5)
        shoot(driver, out / "room-dashboard.png")
        clients[5].offline = False
        for i, (client, link) in enumerate(zip(clients, links, strict=True)):
            play(client, link, strategies[i], scenario.rounds + 1)
        time.sleep(0.5)
        room.control(action="end")
        WebDriverWait(driver, 10).until(lambda d: d.find_element(By.ID, "debrief").is_displayed())
        time.sleep(0.5)
        shoot(driver, out / "room-debrief.png")
    for c in clients:
        c.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
