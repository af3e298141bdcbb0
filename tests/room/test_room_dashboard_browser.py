"""The facilitator's dashboard in a real browser (Debian's chromium, headless, via Selenium):
it loads behind its secret, updates live, and its controls reach the room."""

from __future__ import annotations

import json
from typing import Any

import pytest
from browser import chromium, missing
from room_helpers import RoomProcess

from game.analysis.strategies import make_strategy
from game.room.client import RoomClient, play_in_room

pytestmark = pytest.mark.skipif(missing() is not None, reason=f"no headless browser: {missing()}")


def _wait(driver: Any, test: Any, timeout: float = 15) -> Any:
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    # The page redraws live: an element read mid-redraw is stale, so the wait reads again.
    return WebDriverWait(driver, timeout, poll_frequency=0.05,
                         ignored_exceptions=(StaleElementReferenceException,)).until(lambda d: test(d))


def _text(driver: Any, css: str) -> str:
    from selenium.webdriver.common.by import By

    return str(driver.find_element(By.CSS_SELECTOR, css).text)


def test_the_dashboard_loads_updates_live_and_its_controls_work(room: RoomProcess) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    with chromium() as driver:
        driver.get(room.url + "/dashboard")                       # no secret: the lock
        _wait(driver, lambda d: d.find_element(By.ID, "locked").is_displayed())
        driver.get(room.url + "/dashboard#secret=wrong")
        _wait(driver, lambda d: "secret" in _text(d, "#locked-reason"))

        driver.get(room.url + f"/dashboard#secret={room.secret}")
        _wait(driver, lambda d: _text(d, "#code") == room.code)
        assert "secret" not in driver.current_url                  # kept off the projector
        assert _text(driver, "#state").lower() == "lobby"

        mallory = RoomClient(room.address, room.code, ["<img src=x onerror=alert(1)>"])
        ana = RoomClient(room.address, room.code, ["Ana", "Ben"])
        mallory.join()
        ana.join()
        _wait(driver, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#participants tbody tr")) == 2)
        cells = _wait(driver, lambda d: [c.text for c in
                                         d.find_elements(By.CSS_SELECTOR, "#participants tbody td")])
        assert "<img src=x onerror=alert(1)>" in cells and "Ana & Ben" in cells   # shown as text
        assert not driver.find_elements(By.CSS_SELECTOR, "#participants img")

        driver.find_element(By.ID, "start").click()
        _wait(driver, lambda d: _text(d, "#state").lower() == "running")
        timer = driver.find_element(By.ID, "timer")
        timer.clear()
        timer.send_keys("120")
        driver.find_element(By.ID, "set-timer").click()
        _wait(driver, lambda d: "120" in _text(d, "#timer-shown"))

        scenario, _ = ana.scenario()
        Select(driver.find_element(By.ID, "event")).select_by_value(scenario.events[1].id)
        targets = Select(driver.find_element(By.ID, "targets"))
        targets.deselect_all()
        targets.select_by_value("2")
        driver.find_element(By.ID, "inject").click()
        _wait(driver, lambda d: scenario.events[1].title in _text(d, "#inbox"))
        driver.find_element(By.ID, "announcement").send_keys("Five minutes left")
        targets.deselect_all()
        targets.select_by_value("")
        driver.find_element(By.ID, "announce").click()
        _wait(driver, lambda d: "Five minutes left" in _text(d, "#inbox"))

        session = play_in_room(ana, make_strategy("balanced"), scenario, ana.welcome.seed,  # type: ignore[union-attr]
                               patience=60)
        assert session.over and ana.wait_sent(20)
        assert [i["kind"] for i in ana.heard] == ["event", "announce"]
        assert [i["kind"] for i in mallory.heard] == ["announce"]
        assert ana.timer == 120
        # Live: the rounds arrive on the page without a reload.
        _wait(driver, lambda d: f"{scenario.rounds} / {scenario.rounds}" in _text(d, "#participants"))
        label = scenario.round_label.lower()
        _wait(driver, lambda d: f"{label} {scenario.rounds}:" in _text(d, "#chart-score"))

        # Exports: the chart as SVG text, the CSV through the page's own fetch.
        svg = driver.execute_script("return window.sailkeelDashboard.svgText('morale')")
        assert svg.startswith("<svg") and "Morale" in svg and "room mean" in svg       # with its legend
        assert f"Room {room.code} · {scenario.title}" in svg and f">{scenario.round_label}<" in svg
        png = driver.execute_async_script(
            "const done = arguments[0];"
            "window.sailkeelDashboard.pngBlob('score', (blob) => blob.arrayBuffer()"
            ".then((b) => done({size: blob.size, head: Array.from(new Uint8Array(b).slice(0, 4))})));")
        assert png["head"] == [0x89, 0x50, 0x4E, 0x47] and png["size"] > 5000    # a PNG, not blank
        csv_text = driver.execute_async_script(
            "const done = arguments[0];"
            "const secret = sessionStorage.getItem('sailkeel-secret');"
            "fetch('/api/export.csv', {headers: {'X-Facilitator-Secret': secret}})"
            ".then(r => r.text()).then(done);")
        assert csv_text.count("\n") == 1 + scenario.rounds and "Ana & Ben" in csv_text

        driver.execute_script("window.confirm = () => true;")
        driver.find_element(By.ID, "end").click()
        _wait(driver, lambda d: d.find_element(By.ID, "debrief").is_displayed())
        assert _text(driver, "#state").lower() == "ended"
        for control in ("start", "pause", "end", "set-timer", "inject", "announce", "lock", "timer"):
            assert not driver.find_element(By.ID, control).is_enabled(), control   # nothing more to do
        assert "balanced" in _text(driver, "#profiles")
        logs = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
        assert not logs, json.dumps(logs)
    mallory.close()
    ana.close()
