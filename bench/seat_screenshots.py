"""Screenshots of the browser seat and the projector, to look at before a workshop.

Starts a room with a phase timer and a projector countdown; three game windows (headless
clients) play a few rounds so the projector has leaders and charts. Then a phone (360x740)
plays the whole game in /play, saving each phase (the whole page, and the part on screen),
a 1920x1080 browser plays a round, and the projector is saved at 1920x1080.
Needs chromium, chromium-driver and selenium (the test extra).
Run: python bench/seat_screenshots.py --out FOLDER
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
sys.path[:0] = [str(ROOT / "tests" / "room"), str(ROOT / "tests" / "seat")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    os.environ["SEAT_SHOTS"] = str(args.out)         # page_driver saves each phase there
    from browser import missing
    if missing():
        print(f"seat_screenshots: {missing()}", file=sys.stderr)
        return 2
    from room_helpers import RoomProcess, free_port

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        os.environ["SAIL_KEEL_HOME"] = folder
        room = RoomProcess(Path(folder) / "room.sqlite", free_port()).start(
            "scaling-new-markets", "--new", "--seed", "21")
        try:
            return run(room, args.out)
        finally:
            room.stop()


def visible(driver: Any, path: Path) -> None:
    """Only what is on the screen, as the person sees it before scrolling."""
    driver.execute_script("window.scrollTo(0, 0)")
    time.sleep(0.3)
    driver.save_screenshot(str(path))
    print(f"wrote {path}")


def run(room: Any, out: Path) -> int:
    from browser import chromium
    from page_driver import answer_events, join, lead, manage, phase, phone, read_report, wait_phase

    from game.analysis.strategies import make_strategy
    from game.room.client import RoomClient, RoomLink
    from game.rules.records import Phase
    from game.rules.session import GameSession

    windows = [RoomClient(room.address, room.code, [n]) for n in ("Ana", "Chloé Dubois-Martin", "Dev")]
    for c in windows:
        c.join()
    scenario, _ = windows[0].scenario()
    room.control(action="start")
    for i, client in enumerate(windows):
        link = RoomLink(client, GameSession(scenario, client.welcome.seed))  # type: ignore[union-attr]
        strategy = make_strategy(("balanced", "manager-only", "leader-only")[i], i)
        while not (len(link.session.history) >= 2 + i and link.session.phase is Phase.REPORT):
            for decision in strategy.decide(link.session):
                link.session.apply(decision)
                link.sync()
        client.wait_sent(30)
    room.control(action="timer", seconds=240)
    room.control(action="countdown", seconds=600)

    with chromium(1280, 900) as driver:           # a phone, through the whole game
        phone(driver, 360, 740)
        join(driver, room.url, room.code, "Fatima Al-Hassan")
        visible(driver, out / "phone-leader-screen.png")
        for number in range(1, scenario.rounds + 1):
            lead(driver)
            if number == 1:
                visible(driver, out / "phone-manager-screen.png")
            manage(driver)
            if phase(driver) == "event" and number < 4:
                visible(driver, out / "phone-event-screen.png")
            answer_events(driver)
            wait_phase(driver, "report")
            if number == 1:
                visible(driver, out / "phone-report-screen.png")
            read_report(driver)
        wait_phase(driver, "end")
        visible(driver, out / "phone-debrief-screen.png")
        from page_driver import shot
        shot(driver, "5-debrief")

    with chromium(1920, 1080) as driver:          # a laptop at 1920x1080: one round
        join(driver, room.url, room.code, "Gus")
        visible(driver, out / "desktop-1920-leader.png")
        lead(driver)
        visible(driver, out / "desktop-1920-manager.png")
        manage(driver)
        answer_events(driver)
        wait_phase(driver, "report")
        visible(driver, out / "desktop-1920-report.png")

    with chromium(1920, 1080) as driver:          # the projector, as the wall shows it
        driver.get(room.url + "/projector")
        time.sleep(3.0)
        visible(driver, out / "projector-1920.png")
    for c in windows:
        c.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
