"use strict";
// The facilitator's dashboard: a live view of the room over a WebSocket, and its controls.
// Everything participants typed (their names) is put on the page as text, never as HTML.
(function () {
  const METRICS = ["morale", "innovation", "delivery", "score"];
  const LABELS = {morale: "Morale", innovation: "Innovation", delivery: "Delivery", score: "Score"};
  const COLOURS = {morale: "#c8553d", innovation: "#7a4ea3", delivery: "#2f6690", score: "#2a7f62"};
  const SVGNS = "http://www.w3.org/2000/svg";
  const $ = (id) => document.getElementById(id);
  let secret = readSecret();
  let snapshot = null;
  let socket = null;
  let shownVersion = -1;

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

  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVGNS, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    if (text !== undefined) node.textContent = String(text);
    return node;
  }

  function fmt(value, digits) {
    return value === null || value === undefined ? "–" : Number(value).toFixed(digits === undefined ? 1 : digits);
  }

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
    $("code").textContent = s.room.code;
    $("state").textContent = s.room.state;
    $("state").className = "state-" + s.room.state;
    $("timer-shown").textContent = s.room.timer ? "· timer " + s.room.timer + " s" : "· no timer";
    if (document.activeElement !== $("timer")) $("timer").value = String(s.room.timer);
    document.body.dataset.version = String(s.version);
    renderParticipants(s);
    renderOptions(s);
    renderCharts(s);
    renderDebrief(s.debrief);
    renderInbox(s);
    shownVersion = s.version;
  }

  function renderParticipants(s) {
    const body = $("participants").querySelector("tbody");
    body.replaceChildren();
    const done = s.participants.filter((p) => p.finished).length;
    $("count").textContent = "(" + s.participants.length + " joined, " + done + " finished)";
    for (const p of s.participants) {
      const row = el("tr");
      row.dataset.participant = String(p.id);
      const last = p.last || {};
      const cells = [p.id, p.names.join(" & "), p.round + " / " + s.scenario.rounds, fmt(p.score),
        fmt(last.morale), fmt(last.innovation), fmt(last.delivery), p.profile || "–", p.online ? "●" : "○"];
      cells.forEach((value, i) => row.appendChild(el("td", value, i === 8 ? (p.online ? "online" : "offline") : "")));
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

  function renderCharts(s) {
    const box = $("charts");
    box.replaceChildren();
    for (const metric of METRICS) {
      const figure = el("figure", undefined, "chart");
      figure.appendChild(chart(metric, s.per_round[metric] || [], s.scenario.rounds));
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

  function chart(metric, rows, rounds) {
    const W = 360, H = 230, L = 40, R = 14, T = 30, B = 34;
    const x = (n) => L + (rounds > 1 ? (n - 1) / (rounds - 1) : 0.5) * (W - L - R);
    const y = (v) => T + (1 - Math.max(0, Math.min(100, v)) / 100) * (H - T - B);
    const root = svg("svg", {xmlns: SVGNS, viewBox: "0 0 " + W + " " + H, width: W, height: H,
      id: "chart-" + metric, role: "img", "aria-label": LABELS[metric] + ": room mean per round",
      "font-family": "sans-serif", "font-size": 12});
    root.appendChild(svg("rect", {x: 0, y: 0, width: W, height: H, fill: "#ffffff"}));
    root.appendChild(svg("text", {x: L, y: 18, "font-size": 15, "font-weight": "bold", fill: "#222"}, LABELS[metric]));
    for (const v of [0, 25, 50, 75, 100]) {
      root.appendChild(svg("line", {x1: L, x2: W - R, y1: y(v), y2: y(v), stroke: "#ddd"}));
      root.appendChild(svg("text", {x: L - 6, y: y(v) + 4, "text-anchor": "end", fill: "#555"}, v));
    }
    for (let n = 1; n <= rounds; n++) {
      root.appendChild(svg("text", {x: x(n), y: H - B + 16, "text-anchor": "middle", fill: "#555"}, n));
    }
    root.appendChild(svg("text", {x: (L + W - R) / 2, y: H - 4, "text-anchor": "middle", fill: "#555"}, "round"));
    if (rows.length) {
      const upper = rows.map((r) => x(r.round) + "," + y(r.mean + r.sd));
      const lower = rows.slice().reverse().map((r) => x(r.round) + "," + y(r.mean - r.sd));
      root.appendChild(svg("polygon", {points: upper.concat(lower).join(" "), fill: COLOURS[metric], "fill-opacity": 0.18}));
      root.appendChild(svg("polyline", {points: rows.map((r) => x(r.round) + "," + y(r.mean)).join(" "),
        fill: "none", stroke: COLOURS[metric], "stroke-width": 3}));
      for (const r of rows) {
        root.appendChild(svg("circle", {cx: x(r.round), cy: y(r.mean), r: 4, fill: COLOURS[metric]}));
        for (const v of [r.min, r.max]) {
          root.appendChild(svg("circle", {cx: x(r.round), cy: y(v), r: 2.5, fill: "#888"}));
        }
      }
      const last = rows[rows.length - 1];
      root.appendChild(svg("text", {x: W - R, y: 18, "text-anchor": "end", fill: "#222", class: "chart-latest"},
        "round " + last.round + ": " + fmt(last.mean) + " ± " + fmt(last.sd) + " (n=" + last.n + ")"));
    } else {
      root.appendChild(svg("text", {x: (L + W - R) / 2, y: H / 2, "text-anchor": "middle", fill: "#888"}, "no rounds yet"));
    }
    return root;
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

  function exportSvg(metric) {
    download(new Blob([svgText(metric)], {type: "image/svg+xml"}), "room-" + metric + ".svg");
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
    pngBlob(metric, (blob) => download(blob, "room-" + metric + ".png"));
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
