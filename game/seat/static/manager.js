// The manager phase: the budget split, the schedule board with the model's forecast,
// overtime and performance reviews. Every number shown comes from the server's view.
import { h, money, one, pct, stepper, title } from "./dom.js";
import { phaseFooter, metricsStrip } from "./leader.js";
import { act, say } from "./net.js";

function budgetCard(d) {
  const b = d.budget;
  const amounts = Object.fromEntries(b.lines.map((l) => [l.id, l.amount]));
  const setLine = (id) => (value) => {
    const free = amounts[id] + Math.max(0, b.left);
    const kept = Math.min(value, free);
    act({ type: "AllocateBudget", amounts: { ...amounts, [id]: kept } });
    if (kept < value) say(`${title(id)} set to ${money(kept)}: only ${money(free)} is free. Lower another line first.`);
  };
  // "+" with less than a step left to spend moves the rest over from the reserve, or else
  // from the largest other line, and says so (as the window's board does).
  const more = (id) => () => {
    const free = Math.max(0, b.left);
    if (free >= b.step - 1e-9) { setLine(id)(amounts[id] + b.step); return; }
    const others = b.lines.filter((l) => l.id !== id && l.amount > 1e-9);
    if (!others.length) { say("All of the budget is on this line already."); return; }
    const source = others.find((l) => l.id === "reserve") || others.reduce((a, c) => (c.amount > a.amount ? c : a));
    const moved = Math.min(b.step - free, source.amount);
    const six = (x) => Math.round(x * 1e6) / 1e6;
    act({ type: "AllocateBudget", amounts: { ...amounts, [source.id]: six(source.amount - moved),
      [id]: six(amounts[id] + moved + free) } });
    say(`+${money(moved)} ${title(id)}, taken from ${source.id}.`);
  };
  return h("section", { class: "card budget", "aria-labelledby": "budget-title" },
    h("h2", { id: "budget-title" }, `Budget: ${money(b.total)} this round`),
    h("ul", { class: "plain lines" }, b.lines.map((l) => h("li", { class: "line" },
      h("label", { for: `budget-${l.id}` }, title(l.id)),
      stepper({ id: `budget-${l.id}`, label: `${title(l.id)} budget`, value: l.amount, step: b.step,
        send: setLine(l.id), more: more(l.id) })))),
    h("p", { class: b.left < -1e-9 ? "warn" : "", "aria-live": "polite" },
      h("strong", {}, `Left to spend: ${money(b.left)} of ${money(b.total)}`)),
    h("p", { class: "muted" }, "Reserve absorbs shocks; unspent money does nothing this round."));
}

function extrasCard(d) {
  return h("section", { class: "card extras", "aria-labelledby": "extras-title" },
    h("h2", { id: "extras-title" }, "Overtime and reviews"),
    h("div", { class: "line" }, h("label", { for: "overtime" }, "Overtime"),
      stepper({ id: "overtime", label: "Overtime", value: d.overtime, step: 0.1, max: 1, percent: true,
        send: (v) => act({ type: "SetOvertime", level: v }) })),
    h("div", { class: "line" },
      h("label", { for: "reviews" }, "Performance reviews"),
      h("input", { type: "checkbox", id: "reviews", checked: d.reviews,
        onchange: (e) => act({ type: "SetReviews", on: e.target.checked }) })),
    h("p", { class: "muted" }, "Overtime buys capacity now with fatigue; reviews raise quality and lower risk, and dampen creativity when overdone."));
}

// Filled in from the model's forecast when it comes (`showForecast`), the same numbers the
// window's board shows; until then the page says it is working them out.
function work(value) {
  return value >= 1 || value === 0 ? value.toFixed(0) : value.toFixed(1);
}

function verdict(p) {
  if (p.state !== "open") return h("span", { class: "state" }, p.state);
  if (p.waiting) return h("span", { class: "muted" }, p.waiting);
  return h("span", { id: `verdict-${p.id}`, class: "verdict pending", "data-due": p.due }, "forecast…");
}

export function showForecast(outlook) {
  for (const [id, seen] of Object.entries(outlook.projects)) {
    const el = document.getElementById(`verdict-${id}`);
    if (!el) continue;
    const cls = { "on track": "good", "at risk": "risky", "off track": "bad" }[seen.verdict];
    el.className = `verdict ${cls}`;
    el.textContent = `${seen.verdict} · needs ${work(seen.needs)}, gets ${work(seen.gets)} a round`;
    el.title = "Work points a round its due date needs, and what this plan gives it. On track: it ships on time in 6 or more of 8 plays of this plan.";
  }
  for (const [id, t] of Object.entries(outlook.teams)) {
    const el = document.getElementById(`outlook-${id}`);
    if (!el) continue;
    const sign = (x) => `${x >= 0 ? "+" : "−"}${one(Math.abs(x))}`;
    el.textContent = ` · next round: fatigue ${sign(t.fatigue_change)}, morale ${sign(t.morale_change)}`;
  }
}

function projectsCard(d) {
  return h("section", { class: "card projects", "aria-labelledby": "projects-title" },
    h("h2", { id: "projects-title" }, "Projects and the model's forecast"),
    h("p", { class: "muted" }, "If you repeat this plan every round until each project's due round:"),
    h("ul", { class: "plain" }, d.projects.map((p) => h("li", { class: `project kind-${p.kind}` },
      h("strong", {}, p.title), " ",
      h("span", { class: "muted" }, `${p.kind} · due round ${p.due} · ${pct(p.progress)} done`), " ",
      verdict(p)))));
}

function teamCard(d, team) {
  const shares = team.shares;
  const over = team.load > 1 + 1e-9;
  const setCell = (project) => (value) =>
    act({ type: "Schedule", assignments: { [team.id]: { ...shares, [project]: value } } });
  return h("fieldset", { class: "card team" },
    h("legend", {}, team.name),
    h("p", { class: "muted" }, team.absent ? (team.waits_for ? "joins if chosen" : `joins in round ${team.arrives}`) :
      `${Math.round(team.capacity)} pts · ${team.headcount} people`),
    h("p", { class: over ? "warn" : "" }, h("strong", {}, `Load ${pct(team.load)}`),
      over ? " — over capacity: the excess becomes fatigue" : ` · slack ${pct(Math.max(0, 1 - team.load))}`,
      h("span", { id: `outlook-${team.id}`, class: "muted" })),
    h("ul", { class: "plain cells" }, d.projects.map((p) => h("li", { class: "line" },
      h("label", { for: `cell-${team.id}-${p.id}` }, p.title),
      stepper({ id: `cell-${team.id}-${p.id}`, label: `${team.name} on ${p.title}`,
        value: shares[p.id] || 0, step: 0.05, max: 1, percent: true, send: setCell(p.id) })))));
}

export function renderManager(view) {
  const d = view.manager;
  const unspent = () => (d.budget.left > 0.5
    ? `${money(d.budget.left)} of the budget is not allocated, and unspent budget does nothing this round.` : "");
  return h("div", { class: "phase-manager" },
    h("h1", { class: "phase-title" }, "Manager: budget, schedule, overtime, reviews"),
    metricsStrip(view),
    h("div", { class: "columns" },
      h("div", {}, budgetCard(d), extrasCard(d)),
      h("div", {}, projectsCard(d),
        h("h2", { class: "board-title" }, "Schedule: each team's capacity per project"),
        h("div", { class: "board" }, d.teams.map((t) => teamCard(d, t))))),
    phaseFooter(view, "Commit and play the round", unspent));
}
