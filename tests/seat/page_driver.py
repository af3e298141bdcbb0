"""A person at the /play page, in headless chromium: keys and clicks, nothing else.

Each helper waits for what the player would wait for (the next phase on screen), so the
tests read as a game being played."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path
from typing import Any

from selenium.common.exceptions import (
    ElementNotInteractableException,
    NoAlertPresentException,
    StaleElementReferenceException,
)
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

PHASES = {"leader": ".phase-leader", "manager": ".phase-manager", "event": ".phase-event",
          "report": ".phase-report", "end": ".phase-end"}
SHOTS = os.environ.get("SEAT_SHOTS")     # a folder: screenshots of every phase go there


def until(driver: Any, check: Any, timeout: float = 20) -> Any:
    """Wait for `check(driver)`; an element replaced by the next view is looked up again."""
    return WebDriverWait(driver, timeout, ignored_exceptions=(StaleElementReferenceException,)).until(check)


def phase(driver: Any) -> str:
    for name, css in PHASES.items():
        if driver.find_elements(By.CSS_SELECTOR, f"#game:not([hidden]) {css}"):
            return name
    return ""


def settled(driver: Any) -> None:
    """Wait until the room has answered every decision the page sent (the game is not busy)."""
    until(driver, lambda d: d.find_element(By.ID, "game").get_attribute("aria-busy") != "true")


def wait_phase(driver: Any, *names: str, timeout: float = 20) -> str:
    until(driver, lambda d: phase(d) in names, timeout)
    settled(driver)
    return phase(driver)


def header(driver: Any) -> str:
    return str(driver.find_element(By.ID, "where").text)


def overflow(driver: Any, width: int) -> int:
    """How many pixels the page is wider than a screen `width` wide (0: no sideways scrolling;
    a phone widens its viewport to the content, so the window's own width cannot tell)."""
    return int(driver.execute_script(
        "return Math.max(document.documentElement.scrollWidth, document.body.scrollWidth,"
        " window.innerWidth)")) - width


def forecast_shown(driver: Any) -> None:
    """Wait for the manager board's forecast (the model's numbers arrive after the board)."""
    until(driver, lambda d: not d.find_elements(By.CSS_SELECTOR, ".verdict.pending"))


def phone(driver: Any, width: int = 360, height: int = 780) -> None:
    """Show the page as a phone of this size does (a desktop window cannot be that narrow)."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": True})


def shot(driver: Any, name: str) -> None:
    """Save the whole page (SEAT_SHOTS): the window made as tall as the page for the shot."""
    if not SHOTS:
        return
    Path(SHOTS).mkdir(parents=True, exist_ok=True)
    width = driver.execute_script("return window.innerWidth")
    height = min(max(driver.execute_script("return document.documentElement.scrollHeight"), 700), 5000)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 700})
    driver.save_screenshot(str(Path(SHOTS) / f"{width}-{name}.png"))
    if width >= 700:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    else:
        phone(driver, width)


def press_commit(driver: Any) -> None:
    """Ctrl+Enter, the commit key; a question about anything left unspent is answered yes."""
    ActionChains(driver).key_down(Keys.CONTROL).send_keys(Keys.ENTER).key_up(Keys.CONTROL).perform()
    end = time.monotonic() + 1.5
    while time.monotonic() < end:
        try:
            driver.switch_to.alert.accept()
            return
        except NoAlertPresentException:
            time.sleep(0.05)


def click(driver: Any, element_id: str) -> None:
    for _ in range(5):
        try:
            driver.find_element(By.ID, element_id).click()
            return
        except StaleElementReferenceException:
            time.sleep(0.1)
    raise AssertionError(f"#{element_id} kept changing under the pointer")


def join(driver: Any, url: str, code: str, name: str) -> None:
    driver.get(f"{url}/play?code={code}")
    until(driver, lambda d: d.find_element(By.ID, "name").is_displayed())
    assert driver.find_element(By.ID, "code").get_attribute("value") == code
    shot(driver, "0-join")
    field = driver.find_element(By.ID, "name")
    field.send_keys(name)
    field.send_keys(Keys.ENTER)
    wait_phase(driver, "leader")


def retried(step: Any) -> Any:
    """Do a step again if the room's news re-drew the page under it (an injected event, a
    timer set): what a person does when a button moves before they press it."""
    for _ in range(5):
        try:
            return step()
        except (StaleElementReferenceException, ElementNotInteractableException):
            time.sleep(0.2)
    return step()


def lead(driver: Any, vision: int = 1) -> None:
    """The leader phase: a vision by the mouse, a town hall by the keyboard, commit by key."""
    def choose_vision() -> None:
        radio = driver.find_elements(By.CSS_SELECTOR, "input[name=vision]")[vision]
        if not radio.is_selected():
            driver.find_element(By.CSS_SELECTOR, f"label[for={radio.get_attribute('id')}]").click()
            settled(driver)

    def town_hall() -> None:          # Tab to it (focus), press Space
        button = driver.find_element(By.ID, "act-town_hall")
        if button.get_attribute("aria-pressed") == "false" and button.is_enabled():
            driver.execute_script("arguments[0].focus()", button)
            ActionChains(driver).send_keys(Keys.SPACE).perform()
            settled(driver)
            assert driver.find_element(By.ID, "act-town_hall").get_attribute("aria-pressed") == "true"

    retried(choose_vision)
    retried(town_hall)
    shot(driver, "1-leader")
    press_commit(driver)
    wait_phase(driver, "manager")


def manage(driver: Any, lower: int = 0, more: bool = False) -> None:
    """The manager phase: type a lower operations budget (if `lower`), or press its + with
    nothing left to spend (`more`), then commit; money left unspent is confirmed."""
    if lower:
        box = driver.find_element(By.ID, "budget-operations")
        wanted = str(round(float(box.get_attribute("value")) - lower))
        box.click()                       # into the box; select what is there, type over it
        ActionChains(driver).key_down(Keys.CONTROL).send_keys("a").key_up(Keys.CONTROL) \
            .send_keys(wanted, Keys.ENTER).perform()
        settled(driver)
        assert driver.find_element(By.ID, "budget-operations").get_attribute("value") == wanted
    if more:          # + until the money left runs out: then it comes from the reserve
        value = lambda name: float(driver.find_element(By.ID, f"budget-{name}").get_attribute("value"))  # noqa: E731
        reserve = value("reserve")
        for _ in range(8):
            before = value("operations")
            driver.find_element(By.CSS_SELECTOR, "[aria-label='More Operations budget']").click()
            settled(driver)
            assert value("operations") > before
            if "taken from reserve" in driver.find_element(By.ID, "news").get_attribute("textContent"):
                break
        else:
            raise AssertionError("+ never took from the reserve")
        assert value("reserve") < reserve
    forecast_shown(driver)
    verdicts = [e.text for e in driver.find_elements(By.CSS_SELECTOR, ".verdict")]
    assert all(re.fullmatch(r"(on track|at risk|off track) · needs [\d.]+, gets [\d.]+ a round", v)
               for v in verdicts), verdicts
    shot(driver, "2-manager")
    press_commit(driver)
    wait_phase(driver, "event", "report")


def answer_events(driver: Any) -> int:
    answered = 0
    while phase(driver) == "event":
        shot(driver, "3-event")
        buttons = [b for b in driver.find_elements(By.CSS_SELECTOR, ".choice-button") if b.is_enabled()]
        buttons[0].click()
        settled(driver)
        answered += 1
    return answered


def read_report(driver: Any) -> str:
    wait_phase(driver, "report")
    summary = str(driver.find_element(By.CSS_SELECTOR, ".summary").text)
    shot(driver, "4-report")
    click(driver, "continue")
    wait_phase(driver, "leader", "end")
    return summary
