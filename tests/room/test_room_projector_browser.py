"""The projector and a full room's dashboard in a real browser (headless chromium): the join
address and code with a QR code, a countdown, the leaderboard; 40 participants keep the charts
above the fold, the table sorts, and the facilitator renames and removes from the page."""

from __future__ import annotations

import json
import time
import urllib.request
from typing import Any

import pytest
from browser import chromium, missing
from room_helpers import RoomProcess, free_port, play_to

from game.room.client import RoomClient, RoomLink

pytestmark = pytest.mark.skipif(missing() is not None, reason=f"no headless browser: {missing()}")
CLIENTS = 40


def _wait(driver: Any, test: Any, timeout: float = 20) -> Any:
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout, poll_frequency=0.05,
                         ignored_exceptions=(StaleElementReferenceException,)).until(lambda d: test(d))


def _viewport(driver: Any, width: int, height: int) -> None:
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})


def _texts(driver: Any, css: str) -> list[str]:
    from selenium.webdriver.common.by import By

    return [e.text for e in driver.find_elements(By.CSS_SELECTOR, css)]


def test_the_projector_shows_how_to_join_a_countdown_and_the_leaders(room: RoomProcess) -> None:
    from selenium.webdriver.common.by import By

    ana = RoomClient(room.address, room.code, ["Ana"])
    ana.join()
    scenario, _ = ana.scenario()
    room.control(action="start")
    play_to(RoomLink(ana, ana.session(scenario)), 2)
    assert ana.wait_sent(20)
    with urllib.request.urlopen(room.url + "/api/qr.svg", timeout=10) as r:     # no secret needed
        assert r.headers["Content-Type"].startswith("image/svg+xml") and b"<path" in r.read()
    with urllib.request.urlopen(room.url + "/api/projector", timeout=10) as r:
        shown = json.loads(r.read())
    assert shown["join"]["play"] == f"http://{room.address}/play?code={room.code}"
    assert "participants" not in shown and "secret" not in json.dumps(shown)   # names and scores only
    room.request("/api/control", {"action": "countdown", "seconds": 300})
    with chromium(1920, 1080) as driver:
        _viewport(driver, 1920, 1080)
        driver.get(room.url + "/projector")
        _wait(driver, lambda d: d.find_element(By.ID, "code").text == room.code)
        assert room.address in driver.find_element(By.ID, "play-url").text
        first = driver.find_element(By.ID, "clock").text
        assert first.startswith(("5:00", "4:5")), first
        _wait(driver, lambda d: d.find_element(By.ID, "clock").text != first)     # it counts down
        _wait(driver, lambda d: _texts(d, "#leaders li .leader-name") == ["Ana"])
        qr = driver.find_element(By.ID, "qr")
        assert driver.execute_script("return arguments[0].naturalWidth", qr) > 100
        for metric in ("morale", "innovation", "delivery", "score"):
            chart = driver.find_element(By.ID, f"chart-{metric}")
            assert chart.rect["y"] + chart.rect["height"] <= 1080, metric       # all on one screen
        assert not driver.find_elements(By.CSS_SELECTOR, "button, input, form")  # nothing to press
        logs = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
        assert not logs, json.dumps(logs)
    ana.close()


def test_a_full_rooms_dashboard_sorts_keeps_its_charts_in_view_and_moderates(tmp_path: Any) -> None:
    from selenium.webdriver.common.by import By

    room = RoomProcess(tmp_path / "room.sqlite", free_port()).start("first-voyage", "--new", "--seed", "5")
    clients = [RoomClient(room.address, room.code, [f"P{i:02d}"]) for i in range(CLIENTS)]
    try:
        for c in clients:
            c.join()
        scenario, _ = clients[0].scenario()
        room.control(action="start")
        for i, c in enumerate(clients[:6]):                    # a few games get ahead
            play_to(RoomLink(c, c.session(scenario)), 1 + i % 3)
            assert c.wait_sent(20)
        with chromium(1920, 1080) as driver:
            _viewport(driver, 1920, 1080)
            driver.get(room.url + f"/dashboard#secret={room.secret}")
            _wait(driver, lambda d: len(_texts(d, "#participants tbody tr")) == CLIENTS)
            assert f"{room.address}" in driver.find_element(By.ID, "address").text
            chart = driver.find_element(By.ID, "chart-score")
            assert chart.rect["y"] + chart.rect["height"] <= 1080              # above the fold
            rows = lambda d: d.execute_script(  # noqa: E731
                "return Array.from(document.querySelectorAll('#participants tbody tr'))"
                ".map((r) => Array.from(r.cells).slice(0, 4).map((c) => c.textContent));")
            driver.find_element(By.CSS_SELECTOR, "button.sort[data-sort='score']").click()
            scores = [float(r[3]) for r in rows(driver) if r[3] != "–"]
            assert len(scores) == 6 and scores == sorted(scores, reverse=True)   # best first
            driver.find_element(By.CSS_SELECTOR, "button.sort[data-sort='name']").click()
            names = [r[1] for r in rows(driver)]
            assert names == sorted(names)

            driver.execute_script("window.prompt = () => 'Zoe'; window.confirm = () => true;")
            driver.find_element(By.CSS_SELECTOR, "tr[data-participant='3'] td.moderate button").click()
            _wait(driver, lambda d: "Zoe" in _texts(d, "#participants tbody td"))
            driver.find_element(By.CSS_SELECTOR, "tr[data-participant='4'] td.moderate button.danger").click()
            _wait(driver, lambda d: len(_texts(d, "#participants tbody tr")) == CLIENTS - 1)
            deadline = time.monotonic() + 10
            while clients[3].connected and time.monotonic() < deadline:
                time.sleep(0.05)
            assert not clients[3].connected
            driver.find_element(By.ID, "lock").click()
            _wait(driver, lambda d: "locked" in d.find_element(By.ID, "state").text.lower())
        names = {p["id"]: p["names"] for p in room.state()["participants"]}
        assert names[3] == ["Zoe"] and 4 not in names and room.state()["room"]["locked"]
    finally:
        for c in clients:
            c.close()
        room.stop()
