// What comes after the manager commits: events and their choices, the round's report with
// each metric's drivers, and the debrief at the end.
import { METRICS, change, h, one, pct, signed, title } from "./dom.js";
import { act } from "./net.js";

const SVG = "http://www.w3.org/2000/svg";

function svg(tag, attrs) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

// A small line chart of a measure over the rounds played (0..100).
function trend(history, key) {
  const w = 160, hgt = 48, n = history.length;
  const chart = svg("svg", { viewBox: `0 0 ${w} ${hgt}`, class: "trend", role: "img",
    "aria-label": `${key} by round: ${history.map((r) => Math.round(r[key])).join(", ")}` });
  if (n === 0) return chart;
  const x = (i) => (n === 1 ? w / 2 : 4 + (i * (w - 8)) / (n - 1));
  const y = (v) => hgt - 4 - (v / 100) * (hgt - 8);
  chart.append(svg("polyline", { points: history.map((r, i) => `${x(i)},${y(r[key])}`).join(" "),
    class: `line-${key}`, fill: "none" }));
  history.forEach((r, i) => chart.append(svg("circle", { cx: x(i), cy: y(r[key]), r: 2.5, class: `dot-${key}` })));
  return chart;
}

export function renderEvent(view) {
  const e = view.event;
  return h("div", { class: "phase-event" },
    h("section", { class: "card narrow event", "aria-labelledby": "event-title" },
      h("h1", { id: "event-title" }, e.title),
      h("p", { class: "lead" }, e.text),
      h("ol", { class: "plain choices" }, e.choices.map((c, i) => h("li", {},
        h("button", { type: "button", id: `choice-${i}`, class: "choice-button", disabled: Boolean(c.closed),
          "aria-describedby": `choice-${i}-effects`, onclick: () => act({ type: "ChooseOption", index: i }) },
          `${i + 1}. ${c.label}`),
        h("span", { id: `choice-${i}-effects`, class: "muted effects" },
          c.closed ? `Closed: ${c.closed}` : `Moves: ${c.effects}`))))));
}

function metricCard(m) {
  const top = Math.max(1, ...m.drivers.map((d) => Math.abs(d.value)));
  return h("section", { class: `card metric-card m-${m.name}`, "aria-labelledby": `r-${m.name}` },
    h("h3", { id: `r-${m.name}` }, `${title(m.name)} ${Math.round(m.value)} `, change(m.delta)),
    m.drivers.length === 0 ? h("p", { class: "muted" }, "Nothing moved it this round.")
      : h("ul", { class: "plain drivers" }, m.drivers.map((d) => {
        const bar = svg("svg", { viewBox: "0 0 100 10", class: "bar", "aria-hidden": "true", preserveAspectRatio: "none" });
        bar.append(svg("rect", { x: 0, y: 0, height: 10, width: Math.max(2, (Math.abs(d.value) / top) * 100),
          class: d.value >= 0 ? "plus" : "minus" }));
        return h("li", {}, h("span", { class: "driver" }, d.label), bar,
          h("span", { class: d.value >= 0 ? "up" : "down" }, signed(d.value)));
      })));
}

export function renderReport(view) {
  const r = view.report;
  const label = view.scenario.round_label || "Round";
  const summary = `${label} ${r.round}: ` + r.metrics.map((m) =>
    `${m.name} ${Math.round(m.value)} (${signed(m.delta)})`).join(", ") + `; score ${one(r.score)}.`;
  const facts = [];
  if (r.left) facts.push(`${r.left} left the organisation`);
  if (r.hired) facts.push(`${r.hired} joined`);
  if (r.risk_event) facts.push("a risk hit this round");
  return h("div", { class: "phase-report" },
    h("h1", {}, `${label} ${r.round} report`),
    h("p", { class: "lead summary", role: "status", "aria-live": "polite", "aria-atomic": "true" }, summary),
    r.coach ? h("p", { class: "card coach" }, h("strong", {}, "Coach: "), r.coach) : null,
    h("div", { class: "metric-cards" }, r.metrics.map(metricCard)),
    h("div", { class: "columns" },
      h("section", { class: "card", "aria-labelledby": "trend-title" },
        h("h2", { id: "trend-title" }, "So far"),
        h("div", { class: "trends" }, [...METRICS, "score"].map((k) =>
          h("figure", {}, trend(view.history, k), h("figcaption", {}, title(k)))))),
      h("section", { class: "card", "aria-labelledby": "facts-title" },
        h("h2", { id: "facts-title" }, "What happened"),
        h("ul", {}, r.events.map((e) => h("li", {}, h("strong", {}, e.title), `: ${e.choice}`,
          e.outcome ? ` — ${e.outcome}` : "")),
        r.landed.map((x) => h("li", {}, x)), facts.map((f) => h("li", {}, f)),
        r.projects.map((p) => h("li", {}, `${p.title}: ${p.state === "open" ? `${pct(p.progress)} done, due ${p.due}` : p.state}`))))),
    h("div", { class: "footer" },
      h("button", { type: "button", id: "continue", class: "primary", "data-commit": true,
        "aria-keyshortcuts": "Control+Enter", onclick: () => act({ type: "Continue" }) },
        r.last ? "See the debrief (Ctrl+Enter)" : `On to ${label.toLowerCase()} ${r.round + 1} (Ctrl+Enter)`)));
}

export function renderDebrief(view) {
  const d = view.debrief;
  const lean = d.profile === "balanced" ? "balanced between leading and managing"
    : d.profile === "hands-off" ? "hands-off" : d.profile.replace("-", " ");
  return h("div", { class: "phase-end" },
    h("h1", {}, "Debrief"),
    h("p", { class: "lead", role: "status" }, `Your score: ${one(d.score)}`, d.par_words ? ` · ${d.par_words}` : ""),
    h("div", { class: "columns" },
      h("section", { class: "card", "aria-labelledby": "profile-title" },
        h("h2", { id: "profile-title" }, "How you played"),
        h("p", {}, d.profile === "hands-off"
          ? `Your play was hands-off: you led ${pct(d.lead)} and managed ${pct(d.manage)} of what you could.`
          : `Your play was ${lean}: ${pct(d.leader_share)} leadership, ${pct(1 - d.leader_share)} management (led ${pct(d.lead)}, managed ${pct(d.manage)}).`),
        h("dl", { class: "metrics" }, METRICS.map((m) =>
          h("div", { class: `metric m-${m}` }, h("dt", {}, m), h("dd", {}, Math.round(d.final[m]))))),
        h("div", { class: "trends" }, [...METRICS, "score"].map((k) =>
          h("figure", {}, trend(view.history, k), h("figcaption", {}, title(k)))))),
      h("section", { class: "card", "aria-labelledby": "objectives-title" },
        h("h2", { id: "objectives-title" }, "Objectives"),
        h("ul", {}, d.objectives.map((o) => h("li", {},
          o.status ? `${o.status === "met" ? "Met" : o.status === "missed" ? "Missed" : "Open"}: ${o.text}${o.how ? ` (${o.how})` : ""}`
            : `${o.text} (not scored)`)))),
      h("section", { class: "card", "aria-labelledby": "lessons-title" },
        h("h2", { id: "lessons-title" }, "Lessons from this game"),
        d.lessons.length ? h("ul", {}, d.lessons.map((l) => h("li", {}, l)))
          : h("p", { class: "muted" }, "No lesson of this scenario held for your game."))),
    h("p", { class: "muted" }, "The room has your game: the facilitator's debrief gathers everyone's."));
}
