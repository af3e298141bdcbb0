"use strict";
// The facilitator's dashboard: a live view of the room over a WebSocket, and its controls.
// Everything participants typed (their names) is put on the page as text, never as HTML.
(function () {
  const Charts = window.SailKeelCharts;
  const METRICS = Charts.METRICS;
  const $ = (id) => document.getElementById(id);
  let secret = readSecret();
  let snapshot = null;
  let socket = null;
  let shownVersion = -1;
  let sortBy = "id";
  let sortDown = false;

  function readSecret() {
    const match = /(?:^|[#&])secret=([^&]+)/.exec(window.location.hash);
    if (match) {
      const value = decodeURIComponent(match[1]);
      sessionStorage.setItem("sailkeel-secret", value);
      history.replaceState(null, "", "/dashboard");   // keep it off the projector's address bar
      return value;
    }
    return sessionStorage.getItem("sailkeel-secret");
  }

  function el(tag, text, cls) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }

  const fmt = Charts.fmt;

  function lock(reason) {
    $("locked").hidden = false;
    $("main").hidden = true;
    $("locked-reason").textContent = reason || "";
  }

  function connect() {
    if (!secret) { lock(""); return; }
    const scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + window.location.host + "/ws/dashboard");
    socket.onopen = () => { socket.send(JSON.stringify({secret: secret})); $("connection").textContent = ""; };
    socket.onmessage = (message) => {
      const data = JSON.parse(message.data);
      if (data.type === "refused") {
        sessionStorage.removeItem("sailkeel-secret");
        secret = null;
        lock(data.reason);
        return;
      }
      if (data.type === "snapshot") { snapshot = data; render(); }
    };
    socket.onclose = () => {
      if (!secret) return;
      $("connection").textContent = "(reconnecting…)";
      setTimeout(connect, 1000);
    };
  }

  function render() {
    const s = snapshot;
    $("locked").hidden = true;
    $("main").hidden = false;
    $("title").textContent = s.scenario.title;
    $("subtitle").textContent = s.scenario.rounds + " " + s.scenario.round_label.toLowerCase() +
      "s · seed " + s.room.seed + (s.scenario.par !== null ? " · par " + fmt(s.scenario.par) : "");
    $("address").textContent = s.join.address;
    $("code").textContent = s.room.code;
    $("state").textContent = s.room.state + (s.room.locked ? " · locked" : "");
    $("state").className = "state-" + s.room.state;
    $("timer-shown").textContent = s.room.timer ? "· timer " + s.room.timer + " s" : "· no timer";
    if (document.activeElement !== $("timer")) $("timer").value = String(s.room.timer);
    $("lock").textContent = s.room.locked ? "Unlock the room" : "Lock the room";
    $("round-heading").textContent = s.scenario.round_label;
    $("by-round").textContent = s.scenario.round_label.toLowerCase() + " by " + s.scenario.round_label.toLowerCase();
    document.body.dataset.version = String(s.version);
    document.body.classList.toggle("ended", s.room.state === "ended");
    for (const node of document.querySelectorAll(".controls button, .controls input, .controls select")) {
      node.disabled = s.room.state === "ended";        // after the end, nothing more to control
    }
    renderParticipants(s);
    renderOptions(s);
    renderCharts(s);
    renderDebrief(s.debrief);
    renderInbox(s);
    shownVersion = s.version;
  }

  function sortKey(p) {
    if (sortBy === "name") return p.names.join(" & ").toLowerCase();
    if (sortBy === "score") return p.score === null ? -1 : p.score;
    if (sortBy === "round") return p.round;
    return p.id;
  }

  function sorted(participants) {
    return participants.slice().sort((a, b) => {
      const ka = sortKey(a), kb = sortKey(b);
      const order = ka < kb ? -1 : ka > kb ? 1 : a.id - b.id;
      return sortDown ? -order : order;
    });
  }

  function renderParticipants(s) {
    const body = $("participants").querySelector("tbody");
    body.replaceChildren();
    const done = s.participants.filter((p) => p.finished).length;
    $("count").textContent = "(" + s.participants.length + " joined of at most " + s.room.max + ", " + done + " finished)";
    for (const button of document.querySelectorAll("button.sort")) {
      button.dataset.active = button.dataset.sort === sortBy ? (sortDown ? "down" : "up") : "";
    }
    const ended = s.room.state === "ended";
    for (const p of sorted(s.participants)) {
      const row = el("tr");
      row.dataset.participant = String(p.id);
      const last = p.last || {};
      const cells = [p.id, p.names.join(" & "), p.round + " / " + s.scenario.rounds, fmt(p.score),
        fmt(last.morale), fmt(last.innovation), fmt(last.delivery), p.profile || "–", p.online ? "●" : "○"];
      cells.forEach((value, i) => row.appendChild(el("td", value, i === 8 ? (p.online ? "online" : "offline") : "")));
      const actions = el("td", undefined, "moderate");
      const rename = el("button", "Rename", "small");
      rename.disabled = ended;
      rename.addEventListener("click", () => {
        const names = window.prompt("New name for participant " + p.id + " (two names: Ana & Ben)", p.names.join(" & "));
        if (names && names.trim()) send({action: "rename", participant: p.id, names: names.split("&").map((n) => n.trim()).filter(Boolean).slice(0, 2)});
      });
      const kick = el("button", "Remove", "small danger");
      kick.disabled = ended;
      kick.addEventListener("click", () => {
        if (window.confirm("Remove " + p.names.join(" & ") + " from the room? Their game cannot rejoin.")) send({action: "kick", participant: p.id});
      });
      actions.append(rename, kick);
      row.appendChild(actions);
      body.appendChild(row);
    }
  }

  function renderOptions(s) {
    const events = $("event");
    if (events.options.length !== s.scenario.events.length) {
      events.replaceChildren();
      for (const e of s.scenario.events) {
        const option = el("option", e.title);
        option.value = e.id;
        events.appendChild(option);
      }
    }
    const targets = $("targets");
    const chosen = new Set(Array.from(targets.selectedOptions).map((o) => o.value));
    targets.replaceChildren();
    const everyone = el("option", "Everyone");
    everyone.value = "";
    everyone.selected = chosen.size === 0 || chosen.has("");
    targets.appendChild(everyone);
    for (const p of s.participants) {
      const option = el("option", p.id + " · " + p.names.join(" & "));
      option.value = String(p.id);
      option.selected = chosen.has(String(p.id));
      targets.appendChild(option);
    }
  }

  function chartInfo(s) {
    return {title: "Room " + s.room.code + " · " + s.scenario.title, roundLabel: s.scenario.round_label,
      rounds: s.scenario.rounds};
  }

  function renderCharts(s) {
    const box = $("charts");
    box.replaceChildren();
    for (const metric of METRICS) {
      const figure = el("figure", undefined, "chart");
      figure.appendChild(Charts.chart(metric, s.per_round[metric] || [], chartInfo(s)));
      const bar = el("div", undefined, "chart-exports");
      const svgButton = el("button", "SVG");
      svgButton.addEventListener("click", () => exportSvg(metric));
      const pngButton = el("button", "PNG");
      pngButton.addEventListener("click", () => exportPng(metric));
      bar.append(svgButton, pngButton);
      figure.appendChild(bar);
      box.appendChild(figure);
    }
  }

  function renderDebrief(debrief) {
    $("debrief").hidden = !debrief;
    if (!debrief) return;
    const profiles = $("profiles");
    profiles.replaceChildren();
    for (const [name, group] of Object.entries(debrief.profiles)) {
      profiles.appendChild(el("li", name + ": " + group.count + (group.mean_score !== null ? " (mean score " + fmt(group.mean_score) + ")" : "")));
    }
    const lessons = $("lessons");
    lessons.replaceChildren();
    for (const lesson of debrief.lessons.filter((l) => l.held_for > 0)) {
      lessons.appendChild(el("li", lesson.text + " — " + lesson.held_for + " of " + debrief.participants.length));
    }
    const body = $("separating").querySelector("tbody");
    body.replaceChildren();
    for (const row of debrief.separating) {
      const tr = el("tr");
      const show = (v) => row.percent ? Math.round(v * 100) + "%" : fmt(v, 2);
      tr.append(el("td", row.habit), el("td", show(row.best)), el("td", show(row.rest)));
      body.appendChild(tr);
    }
  }

  function renderInbox(s) {
    const list = $("inbox");
    list.replaceChildren();
    for (const item of s.inbox.slice().reverse()) {
      const who = item.to ? "to " + item.to.join(", ") : "to everyone";
      list.appendChild(el("li", (item.kind === "event" ? "Event: " + item.title : "Announcement: " + item.text) + " (" + who + ")"));
    }
  }

  // --- controls ---------------------------------------------------------------------------

  function targets() {
    const chosen = Array.from($("targets").selectedOptions).map((o) => o.value);
    if (chosen.length === 0 || chosen.includes("")) return undefined;
    return chosen.map(Number);
  }

  function send(body) {
    return fetch("/api/control", {method: "POST", headers: {"Content-Type": "application/json", "X-Facilitator-Secret": secret},
      body: JSON.stringify(body)})
      .then((r) => r.json().then((data) => {
        $("feedback").textContent = r.ok ? "Done: " + body.action : "Refused: " + data.error;
        $("feedback").className = r.ok ? "muted" : "warn";
      }))
      .catch(() => { $("feedback").textContent = "The room did not answer."; });
  }

  $("start").addEventListener("click", () => send({action: "start"}));
  $("pause").addEventListener("click", () => send({action: "pause"}));
  $("end").addEventListener("click", () => { if (window.confirm("End the game for everyone?")) send({action: "end"}); });
  $("set-timer").addEventListener("click", () => send({action: "timer", seconds: Number($("timer").value) || 0}));
  $("set-countdown").addEventListener("click", () => send({action: "countdown", seconds: Math.round((Number($("countdown").value) || 0) * 60)}));
  $("lock").addEventListener("click", () => send({action: "lock", locked: !(snapshot && snapshot.room.locked)}));
  for (const button of document.querySelectorAll("button.sort")) {
    button.addEventListener("click", () => {
      sortDown = sortBy === button.dataset.sort ? !sortDown : button.dataset.sort === "score";
      sortBy = button.dataset.sort;
      if (snapshot) renderParticipants(snapshot);
    });
  }
  $("inject").addEventListener("click", () => send({action: "inject", event: $("event").value, to: targets()}));
  $("announce").addEventListener("click", () => {
    const text = $("announcement").value.trim();
    if (text) send({action: "announce", text: text, to: targets()}).then(() => { $("announcement").value = ""; });
  });
  $("secret-form").addEventListener("submit", (event) => {
    event.preventDefault();
    secret = $("secret-input").value.trim();
    sessionStorage.setItem("sailkeel-secret", secret);
    connect();
  });

  // --- exports ----------------------------------------------------------------------------

  function download(blob, name) {
    const link = el("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 5000);
  }

  function svgText(metric) {
    return new XMLSerializer().serializeToString($("chart-" + metric));
  }

  function exportName(metric) {
    return snapshot ? "room-" + snapshot.room.code + "-" + snapshot.scenario.id + "-" + metric : "room-" + metric;
  }

  function exportSvg(metric) {
    download(new Blob([svgText(metric)], {type: "image/svg+xml"}), exportName(metric) + ".svg");
  }

  function pngBlob(metric, done) {
    const node = $("chart-" + metric);
    const scale = 2;
    const image = new Image();
    image.onload = () => {
      const canvas = el("canvas");
      canvas.width = node.width.baseVal.value * scale;
      canvas.height = node.height.baseVal.value * scale;
      canvas.getContext("2d").drawImage(image, 0, 0, canvas.width, canvas.height);
      canvas.toBlob(done, "image/png");
    };
    image.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(svgText(metric));
  }

  function exportPng(metric) {
    pngBlob(metric, (blob) => download(blob, exportName(metric) + ".png"));
  }

  $("export-csv").addEventListener("click", () => {
    fetch("/api/export.csv", {headers: {"X-Facilitator-Secret": secret}})
      .then((r) => r.blob()).then((blob) => download(blob, "room-" + (snapshot ? snapshot.room.code : "") + ".csv"));
  });

  window.addEventListener("hashchange", () => {   // a secret pasted into the address bar
    const value = readSecret();
    if (!value) return;
    secret = value;
    if (socket && socket.readyState <= 1) { socket.onclose = null; socket.close(); }
    connect();
  });

  window.sailkeelDashboard = {shownVersion: () => shownVersion, svgText: svgText, pngBlob: pngBlob};
  connect();
})();
