"use strict";
// The room's charts, drawn as SVG from the room's per-round means: the dashboard and the
// projector both draw them, and the exports are the same SVG (titled, with a legend).
window.SailKeelCharts = (function () {
  const LABELS = {morale: "Morale", innovation: "Innovation", delivery: "Delivery", score: "Score"};
  const COLOURS = {morale: "#c8553d", innovation: "#7a4ea3", delivery: "#2f6690", score: "#2a7f62"};
  const SVGNS = "http://www.w3.org/2000/svg";

  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVGNS, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    if (text !== undefined) node.textContent = String(text);
    return node;
  }

  function fmt(value, digits) {
    return value === null || value === undefined ? "–" : Number(value).toFixed(digits === undefined ? 1 : digits);
  }

  function shorten(text, max) {
    return text.length > max ? text.slice(0, max - 1) + "…" : text;
  }

  // One chart. `info`: {title: room and scenario, roundLabel: "Quarter", rounds: 8}.
  // `size.big` (the projector): type half as large again, read from the back of the room;
  // the latest value takes the subtitle's line (the projector's header names the room).
  function chart(metric, rows, info, size) {
    const W = (size && size.width) || 400, H = (size && size.height) || 290;
    const k = size && size.big ? 1.5 : 1;
    const L = 40 * k, R = 14, T = 52 * k, B = 62 * k;
    const rounds = info.rounds;
    const x = (n) => L + (rounds > 1 ? (n - 1) / (rounds - 1) : 0.5) * (W - L - R);
    const y = (v) => T + (1 - Math.max(0, Math.min(100, v)) / 100) * (H - T - B);
    const colour = COLOURS[metric];
    const root = svg("svg", {xmlns: SVGNS, viewBox: "0 0 " + W + " " + H, width: W, height: H,
      id: "chart-" + metric, role: "img", "aria-label": LABELS[metric] + ": room mean per " + info.roundLabel.toLowerCase(),
      "font-family": "Noto Sans, sans-serif", "font-size": 12 * k});
    root.appendChild(svg("rect", {x: 0, y: 0, width: W, height: H, fill: "#ffffff"}));
    root.appendChild(svg("text", {x: 8, y: 19 * k, "font-size": 16 * k, "font-weight": "bold", fill: "#222"}, LABELS[metric]));
    if (k === 1) {
      root.appendChild(svg("text", {x: 8, y: 36, fill: "#555", class: "chart-subtitle"}, shorten(info.title, Math.floor(W / 6.6))));
    }
    for (const v of [0, 25, 50, 75, 100]) {
      root.appendChild(svg("line", {x1: L, x2: W - R, y1: y(v), y2: y(v), stroke: "#ddd"}));
      root.appendChild(svg("text", {x: L - 6, y: y(v) + 4 * k, "text-anchor": "end", fill: "#555"}, v));
    }
    for (let n = 1; n <= rounds; n++) {
      root.appendChild(svg("text", {x: x(n), y: H - B + 15 * k, "text-anchor": "middle", fill: "#555"}, n));
    }
    root.appendChild(svg("text", {x: (L + W - R) / 2, y: H - B + 30 * k, "text-anchor": "middle", fill: "#555"}, info.roundLabel));
    legend(root, colour, H - 14, W, k);
    if (rows.length) {
      const upper = rows.map((r) => x(r.round) + "," + y(r.mean + r.sd));
      const lower = rows.slice().reverse().map((r) => x(r.round) + "," + y(r.mean - r.sd));
      root.appendChild(svg("polygon", {points: upper.concat(lower).join(" "), fill: colour, "fill-opacity": 0.18}));
      root.appendChild(svg("polyline", {points: rows.map((r) => x(r.round) + "," + y(r.mean)).join(" "),
        fill: "none", stroke: colour, "stroke-width": 3}));
      for (const r of rows) {
        root.appendChild(svg("circle", {cx: x(r.round), cy: y(r.mean), r: 4, fill: colour}));
        for (const v of [r.min, r.max]) {
          root.appendChild(svg("circle", {cx: x(r.round), cy: y(v), r: 2.5, fill: "#888"}));
        }
      }
      const last = rows[rows.length - 1];
      const latest = info.roundLabel.toLowerCase() + " " + last.round + ": " + fmt(last.mean) + " ± " + fmt(last.sd) + " (n=" + last.n + ")";
      root.appendChild(k === 1
        ? svg("text", {x: W - R, y: 19, "text-anchor": "end", fill: "#222", class: "chart-latest"}, latest)
        : svg("text", {x: 8, y: 40 * k, fill: "#222", class: "chart-latest"}, latest));
    } else {
      root.appendChild(svg("text", {x: (L + W - R) / 2, y: (T + H - B) / 2, "text-anchor": "middle", fill: "#888"},
        "no " + info.roundLabel.toLowerCase() + "s yet"));
    }
    return root;
  }

  function legend(root, colour, at, W, k) {
    const g = svg("g", {class: "chart-legend", "font-size": 11 * k, fill: "#444"});
    g.appendChild(svg("line", {x1: 10, x2: 28, y1: at - 4 * k, y2: at - 4 * k, stroke: colour, "stroke-width": 3}));
    g.appendChild(svg("text", {x: 32, y: at}, k === 1 ? "room mean" : "mean"));
    const sd = k === 1 ? 104 : 32 + 52 * k;
    g.appendChild(svg("rect", {x: sd, y: at - 10 * k, width: 18, height: 11 * k, fill: colour, "fill-opacity": 0.18}));
    g.appendChild(svg("text", {x: sd + 22, y: at}, "±1 SD"));
    const dots = sd + 22 + 50 * k;
    g.appendChild(svg("circle", {cx: dots, cy: at - 4 * k, r: 2.5 * k, fill: "#888"}));
    g.appendChild(svg("text", {x: dots + 6 * k, y: at}, W >= 330 * k ? "lowest / highest game" : "min / max"));
    root.appendChild(g);
  }

  return {chart: chart, fmt: fmt, METRICS: ["morale", "innovation", "delivery", "score"], LABELS: LABELS};
})();
