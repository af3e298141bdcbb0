"""A person plays the whole game in the /play page: headless chromium, keys and clicks,
a reload half-way that goes on where it was, and no sideways scrolling on a phone."""

from __future__ import annotations

import json
import time
import urllib.request

import pytest
from browser import chromium, missing
from page_driver import (
    answer_events,
    forecast_shown,
    header,
    join,
    lead,
    manage,
    overflow,
    phase,
    phone,
    read_report,
    settled,
    shot,
    until,
    wait_phase,
)
from room_helpers import RoomProcess
from selenium.webdriver.common.by import By

pytestmark = pytest.mark.skipif(missing() is not None, reason=str(missing()))


def test_a_whole_game_in_the_page_with_a_reload_half_way(room_process: RoomProcess) -> None:
    room = room_process.start("first-voyage", "--new", "--seed", "7")
    room.control(action="start")
    with chromium(1280, 900) as driver:
        join(driver, room.url, room.code, "Ana")
        rounds = room.state()["scenario"]["rounds"]
        for number in range(1, rounds + 1):
            assert f" {number} of {rounds}" in header(driver)
            if number == 3:      # a reload mid-phase: the game and this phase's choices are kept
                driver.find_element(By.ID, "act-listening").click()
                settled(driver)
                driver.refresh()
                wait_phase(driver, "leader")
                assert f" {number} of {rounds}" in header(driver)
                assert driver.find_element(By.ID, "act-listening").get_attribute("aria-pressed") == "true"
            lead(driver)
            manage(driver, lower=5 if number == 1 else 0, more=number == 2)
            answer_events(driver)
            summary = read_report(driver)
            assert summary.startswith(tuple(f"{w} {number}:" for w in ("Round", "Quarter", "Month", "Week")))
        wait_phase(driver, "end")
        score_text = driver.find_element(By.CSS_SELECTOR, ".phase-end .lead").text
    shown = room.state()["participants"]
    assert len(shown) == 1 and shown[0]["round"] == rounds and shown[0]["finished"]
    assert f"{shown[0]['score']:.1f}" in score_text
    status, body = room.request("/api/export.csv")
    assert status == 200 and body.decode().count("\n") == rounds + 1      # header + each round once


def test_the_page_fits_a_phone_in_every_phase(room_process: RoomProcess) -> None:
    room = room_process.start("first-voyage", "--new", "--seed", "7")
    room.control(action="start")
    seen = set()
    with chromium(500, 780) as driver:
        phone(driver, 360)
        join(driver, room.url, room.code, "Bea Long-Name-For-A-Small-Screen")
        assert driver.execute_script("return window.innerWidth") == 360
        room.control(action="announce", text="A long announcement from the facilitator, to see "
                     "that the room's messages wrap on a phone too")
        for _ in range(2):
            for step in (lead, manage, answer_events, read_report):
                if phase(driver) == "manager":
                    forecast_shown(driver)
                seen.add(phase(driver))
                assert overflow(driver, 360) <= 0, f"{phase(driver)} phase scrolls sideways at 360 px"
                step(driver)
    assert {"leader", "manager", "report"} <= seen


def test_the_page_says_when_the_room_is_paused(room_process: RoomProcess) -> None:
    room = room_process.start("first-voyage", "--new", "--seed", "5")
    with chromium(1280, 900) as driver:
        join(driver, room.url, room.code, "Cy")
        pause = driver.find_element(By.ID, "pause")
        assert pause.is_displayed() and "start" in pause.text.lower()
        shot(driver, "5-paused")
        driver.find_element(By.ID, "play-on").click()
        lead(driver)
        manage(driver)
        answer_events(driver)
        wait_phase(driver, "report")      # played while the room waits: held, not yet counted
        assert room.state()["participants"][0]["round"] == 0
        assert "wait" in driver.find_element(By.ID, "connection").text
        room.control(action="start")
        with urllib.request.urlopen(f"{room.url}/api/info", timeout=10) as r:
            assert json.load(r)["state"] == "running"
        for _ in range(50):
            if room.state()["participants"][0]["round"] == 1:
                break
            time.sleep(0.1)
        assert room.state()["participants"][0]["round"] == 1


def test_the_rooms_phase_timer_commits_the_phase_in_the_page(room_process: RoomProcess) -> None:
    room = room_process.start("first-voyage", "--new", "--seed", "5")
    room.control(action="start")
    room.control(action="timer", seconds=3)
    with chromium(1280, 900) as driver:
        join(driver, room.url, room.code, "Di")
        clock = driver.find_element(By.ID, "clock")
        assert clock.is_displayed() and clock.text.startswith("0:0")
        wait_phase(driver, "manager", timeout=15)          # nobody pressed anything
        wait_phase(driver, "event", "report", timeout=15)
        assert "Time is up" in driver.find_element(By.ID, "news").get_attribute("textContent")


def test_a_reloaded_page_counts_down_from_the_servers_time_not_afresh(room_process: RoomProcess) -> None:
    room = room_process.start("first-voyage", "--new", "--seed", "5")
    room.control(action="start")
    room.control(action="timer", seconds=40)
    with chromium(1280, 900) as driver:
        join(driver, room.url, room.code, "Ed")
        time.sleep(4.0)
        driver.refresh()
        wait_phase(driver, "leader")
        minutes, seconds = driver.find_element(By.ID, "clock").text.split(":")
        assert 30 <= int(minutes) * 60 + int(seconds) <= 37


def test_the_join_form_counts_the_game_in_the_scenarios_own_rounds(room_process: RoomProcess) -> None:
    room = room_process.start("scaling-new-markets", "--new", "--seed", "5")
    with chromium(1280, 900) as driver:
        driver.get(f"{room.url}/play?code={room.code}")
        scenario = driver.find_element(By.ID, "join-scenario")
        until(driver, lambda d: "(" in scenario.text)
        assert scenario.text == "Scaling into new markets (8 quarters)"
