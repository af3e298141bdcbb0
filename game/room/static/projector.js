"use strict";
// The projector: the join code and address (with a QR code), a countdown, the leaderboard and
// the room's charts. No secret and no controls: it reads /api/projector every second.
(function () {
  const Charts = window.SailKeelCharts;
  const $ = (id) => document.getElementById(id);
  let version = -1;
  let countdown = null;        // {left: seconds when read, at: performance.now() then}
  let shown = null;

  function el(tag, text, cls) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }

  function clock(seconds) {
    const s = Math.max(0, Math.ceil(seconds));
    return Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
  }

  function tick() {
    if (!countdown) {
      $("clock").textContent = "–:––";
      $("clock").className = "clock idle";
      return;
    }
    const left = countdown.left - (performance.now() - countdown.at) / 1000;
    $("clock").textContent = left > 0 ? clock(left) : "Time!";
    $("clock").className = "clock" + (left <= 0 ? " over" : left <= 60 ? " soon" : "");
  }

  function render(p) {
    const label = p.scenario.round_label;
    $("title").textContent = p.scenario.title;
    $("subtitle").textContent = p.scenario.rounds + " " + label.toLowerCase() + "s" +
      (p.scenario.par !== null ? " · par " + Charts.fmt(p.scenario.par) : "");
    $("state").textContent = p.room.state + (p.room.locked ? " · locked" : "");
    $("state").className = "state-" + p.room.state;
    $("code").textContent = p.room.code;
    $("play-url").textContent = p.join.play;
    const room = p.join.url.startsWith("https:") ? p.join.url : p.join.address;
    $("window-command").textContent = "sailkeel play --room " + room + "\n--code " + p.room.code + " --name YOU";
    $("timer-shown").textContent = p.room.timer ? "Each phase: " + p.room.timer + " s" : "";
    $("joined").textContent = p.room.joined + " joined · " + p.room.finished + " finished";
    $("clock-title").textContent = p.countdown === null ? "No countdown" : "Countdown";
    countdown = p.countdown === null ? null : {left: p.countdown, at: performance.now()};
    tick();
    if (p.version === version) return;
    version = p.version;
    const leaders = $("leaders");
    leaders.replaceChildren();
    for (const row of p.leaders) {
      const item = el("li", undefined, row.place <= 3 ? "podium place-" + row.place : "");
      item.append(el("span", row.names.join(" & "), "leader-name"),
        el("span", Charts.fmt(row.score), "leader-score"),
        el("span", label.toLowerCase() + " " + row.round + "/" + p.scenario.rounds, "leader-round muted"));
      leaders.appendChild(item);
    }
    if (!p.leaders.length) leaders.appendChild(el("li", "Scores appear after the first " + label.toLowerCase() + ".", "muted"));
    $("leaders-note").textContent = p.leaders.length ? "(mean score so far)" : "";
    const box = $("charts");
    box.replaceChildren();
    const info = {title: "Room " + p.room.code + " · " + p.scenario.title, roundLabel: label, rounds: p.scenario.rounds};
    for (const metric of Charts.METRICS) {
      const figure = el("figure", undefined, "chart");
      figure.appendChild(Charts.chart(metric, p.per_round[metric] || [], info, {width: 340, height: 270, big: true}));
      box.appendChild(figure);
    }
    document.body.dataset.version = String(p.version);
  }

  function poll() {
    fetch("/api/projector", {cache: "no-store"}).then((r) => r.json()).then((p) => {
      $("connection").textContent = "";
      shown = p;
      render(p);
    }).catch(() => { $("connection").textContent = "(reconnecting…)"; })
      .finally(() => setTimeout(poll, 1000));
  }

  window.sailkeelProjector = {shown: () => shown};
  setInterval(tick, 250);
  poll();
})();
