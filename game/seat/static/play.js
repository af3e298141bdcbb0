// The browser seat: one WebSocket to the room server, which runs this participant's game.
// The page sends decisions and renders the views the server answers; it decides nothing.
import { h } from "./dom.js";
import { renderLeader } from "./leader.js";
import { renderManager, showForecast } from "./manager.js";
import { renderEvent, renderReport, renderDebrief } from "./outcome.js";
import { answersAct, askForecast, current, problem, say, send, undo, useSocket } from "./net.js";

const TOKEN_KEY = "sailkeel-seat-token";
const $ = (id) => document.getElementById(id);
const game = { ws: null, view: null, retry: 0, joined: false, dismissed: "", timer: null,
  timedOut: "" };

function tokenStore() {
  try { return window.localStorage; } catch (e) { return null; }
}
const saved = () => (tokenStore() ? tokenStore().getItem(TOKEN_KEY) : null);
function keep(token) { if (tokenStore()) tokenStore().setItem(TOKEN_KEY, token); }
function forget() { if (tokenStore()) tokenStore().removeItem(TOKEN_KEY); }

function connection(text) {
  $("connection").textContent = text || "";
  $("connection").hidden = !text;
}

function connect() {
  const ws = new WebSocket(`${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/play/ws`);
  game.ws = ws;
  useSocket(ws);
  ws.addEventListener("open", () => {
    game.retry = 0;
    connection("");
    const token = saved();
    if (token) ws.send(JSON.stringify({ type: "resume", token }));
    else showJoin();
  });
  ws.addEventListener("message", (event) => receive(JSON.parse(event.data)));
  ws.addEventListener("close", (event) => {
    if (game.ws !== ws) return;
    game.ws = null;
    if (event.code === 4003 && !game.joined) { setTimeout(connect, 300); return; }
    const wait = [500, 1000, 2000, 4000][Math.min(game.retry, 3)];
    game.retry += 1;
    connection("Connection to the room lost; reconnecting… (your game is kept on the room's server)");
    setTimeout(connect, wait);
  });
}

function receive(data) {
  if (data.type === "refused") {
    if (/participant token/.test(data.reason)) {   // a room that does not know us: join afresh
      forget();
      game.joined = false;
    }
    if (!game.joined) showJoin();
    problem(`The room refused: ${data.reason}`);
    return;
  }
  if (data.type === "room" || data.type === "inbox") {
    for (const item of data.items || []) {
      if (item.kind === "announce") say(`Facilitator: ${item.text}`);
    }
    send({ type: "view" });
    return;
  }
  if (data.type === "forecast") {
    const view = game.view;
    if (data.forecast && view && view.phase === "manager" && data.forecast.plan === view.manager.plan
        && current(data.seq)) {
      game.forecast = data.forecast;
      showForecast(data.forecast);
    }
    return;
  }
  if (data.type !== "view") return;
  if (data.token) keep(data.token);
  if (data.welcome) {
    game.joined = true;
    problem("");
  }
  problem(data.illegal || "");
  render(data.view, Boolean(data.welcome) || answersAct(data.seq));
}

function showJoin() {
  $("join").hidden = false;
  $("game").hidden = true;
  const code = new URLSearchParams(location.search).get("code");
  if (code && !$("code").value) $("code").value = code.toUpperCase();
  ($("code").value ? $("name") : $("code")).focus();
  fetch("/api/info").then((r) => r.json()).then((info) => {
    const unit = (info.round_label || "Round").toLowerCase();
    $("join-scenario").textContent = `${info.scenario} (${info.rounds} ${unit}${info.rounds === 1 ? "" : "s"})`;
  }).catch(() => {});
}

$("join-form").addEventListener("submit", (event) => {
  event.preventDefault();
  problem("");
  const names = [$("name").value.trim(), $("partner").value.trim()].filter(Boolean);
  send({ type: "join", code: $("code").value.trim().toUpperCase(), names });
});

function header(view) {
  const label = view.scenario.round_label || "Round";
  const phase = { leader: "Leader phase", manager: "Manager phase", event: "An event",
    report: `${label} report`, end: "Debrief" }[view.phase];
  const where = $("where");
  where.replaceChildren(
    h("span", { class: "scenario" }, view.scenario.title),
    h("span", {}, view.phase === "end" ? "Game over" : `${label} ${view.round} of ${view.scenario.rounds}`),
    h("strong", { class: `phase phase-${view.phase}` }, phase),
    h("span", { class: "who" }, whoseTurn(view)));
  document.title = `${phase} — Sail & Keel`;
}

// A pair at one device takes turns: the first name leads, the second manages.
function whoseTurn(view) {
  const [leader, manager] = view.names;
  if (!manager) return leader;
  if (view.phase === "leader") return `${leader} leads (${manager} watches)`;
  if (view.phase === "manager") return `${manager} manages (${leader} watches)`;
  return `${leader} & ${manager}`;
}

function clock(view) {
  clearInterval(game.timer);
  const el = $("clock");
  if (view.time_left === undefined) { el.hidden = true; return; }
  const key = `${view.round}:${view.phase}`;
  let left = view.time_left;
  const tick = () => {
    el.hidden = false;
    const s = Math.max(0, Math.ceil(left));
    el.textContent = `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
    el.classList.toggle("urgent", s <= 10);
    // The server keeps the clock and commits the phase when it runs out (its view says so);
    // a second after zero the page asks, in case that view was lost on the way.
    if (left <= -1 && game.timedOut !== key) {
      game.timedOut = key;
      clearInterval(game.timer);
      send({ type: "view" });
    }
    if (view.time_running) left -= 1;      // it stands still while the room waits
  };
  tick();
  game.timer = setInterval(tick, 1000);
}

const overlayOpen = () => !$("pause").hidden;

function pause(view) {
  const waiting = view.room.waiting;
  const overlay = $("pause");
  if (!waiting) { game.dismissed = ""; overlay.hidden = true; return; }
  if (game.dismissed === view.room.state) return;
  $("pause-title").textContent = view.room.state === "lobby" ? "Not started yet" : "Paused";
  $("pause-text").textContent = waiting;
  if (overlay.hidden) { overlay.hidden = false; $("play-on").focus(); }
}

$("play-on").addEventListener("click", () => {
  game.dismissed = game.view ? game.view.room.state : "";
  $("pause").hidden = true;
  $("stage").focus();
});

// The same view again (a room message asked for it, nothing changed) is not drawn again,
// so a number being typed is not wiped under the player's fingers.
function sameAsShown(view) {
  const strip = (v) => JSON.stringify({ ...v, news: [], time_left: 0, time_running: false });
  return game.view && strip(game.view) === strip(view);
}

function render(view, fresh) {
  for (const line of view.news) say(line);
  const held = view.room.held;
  connection(held ? `${held}: your finished rounds wait on the room's server and count when it runs.`
    : view.room.ended);
  pause(view);
  if (!fresh && sameAsShown(view)) { clock(view); return; }     // the server's time, though
  const before = document.activeElement && document.activeElement.id;
  const phaseChanged = !game.view || game.view.phase !== view.phase || game.view.round !== view.round;
  game.view = view;
  $("join").hidden = true;
  const stage = $("game");
  stage.hidden = false;
  header(view);
  clock(view);
  const body = { leader: renderLeader, manager: renderManager, event: renderEvent, report: renderReport,
    end: renderDebrief }[view.phase](view);
  stage.replaceChildren(body);
  if (view.phase === "manager") {
    if (game.forecast && game.forecast.plan === view.manager.plan) showForecast(game.forecast);
    else askForecast();
  }
  const again = before && document.getElementById(before);
  if (again && !phaseChanged) again.focus();
  else if (phaseChanged || fresh) {
    const heading = stage.querySelector("h1, h2");
    if (heading) { heading.tabIndex = -1; heading.focus(); }
  }
}

document.addEventListener("keydown", (event) => {
  if (!game.view) return;
  if (event.key === "Escape" && overlayOpen()) { $("play-on").click(); return; }
  if (event.ctrlKey && event.key === "Enter") {
    const commit = document.querySelector("[data-commit]");
    const typing = document.activeElement;
    if (typing && typing.tagName === "INPUT" && typing.type === "text") typing.blur();   // send it first
    if (commit) { event.preventDefault(); commit.click(); }
  } else if (event.ctrlKey && (event.key === "z" || event.key === "Z") && game.view.undo) {
    event.preventDefault();
    undo();
  }
});

connect();
