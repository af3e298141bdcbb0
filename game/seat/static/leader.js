// The leader phase: the vision, leader actions within the energy, coaching one team.
import { h, pct } from "./dom.js";
import { act, undo } from "./net.js";

export function phaseFooter(view, label, unspent) {
  const commit = () => {
    const left = unspent();
    if (left && !window.confirm(`${left}\n\nCommit anyway?`)) return;
    act({ type: "EndPhase" });
  };
  return h("div", { class: "footer" },
    h("button", { type: "button", id: "undo", disabled: !view.undo, onclick: undo,
      "aria-keyshortcuts": "Control+Z" }, "Undo (Ctrl+Z)"),
    h("button", { type: "button", id: "commit", class: "primary", "data-commit": true,
      "aria-keyshortcuts": "Control+Enter", onclick: commit }, `${label} (Ctrl+Enter)`));
}

function teamLine(team) {
  const bits = [`${team.headcount} people`, `morale ${pct(team.morale)}`, `skill ${pct(team.skill)}`];
  if (team.fatigue !== null) bits.push(`fatigue ${pct(team.fatigue)}`);
  return team.absent ? (team.waits_for ? "joins if chosen" : `joins in round ${team.arrives}`) : bits.join(" · ");
}

export function renderLeader(view) {
  const d = view.leader;
  const visions = h("fieldset", { class: "card visions" },
    h("legend", {}, "Vision"),
    h("p", { class: "muted" }, "Keeping a vision builds clarity; changing it costs alignment and trust."),
    [{ id: null, title: "No vision", ambition: 0, description: "", fits: true }, ...d.visions].map((v) => {
      const id = `vision-${v.id || "none"}`;
      return h("label", { class: "choice", for: id },
        h("input", { type: "radio", name: "vision", id, checked: d.vision === v.id,
          onchange: () => act({ type: "SetVision", vision: v.id }) }),
        h("span", {}, h("strong", {}, v.title),
          v.id ? h("span", { class: "muted" }, ` · ambition ${pct(v.ambition)}`) : null,
          v.id && !v.fits ? h("span", { class: "warn" }, " · does not fit the world now") : null,
          v.description ? h("span", { class: "blurb" }, v.description) : null));
    }));
  const planned = new Map(d.planned.map((p) => [p.action, p]));
  const coachTeam = h("select", { id: "coach-team", "aria-label": "Team to coach" },
    view.leader.teams.filter((t) => !t.absent).map((t) => h("option", { value: t.id }, t.name)));
  const actions = h("section", { class: "card actions", "aria-labelledby": "actions-title" },
    h("h2", { id: "actions-title" }, "Leader actions"),
    h("p", { class: "energy", "aria-live": "polite" },
      h("strong", {}, `Energy ${d.energy.left} of ${d.energy.total} left`),
      h("span", { class: "pips", "aria-hidden": "true" },
        Array.from({ length: d.energy.total }, (_, i) => h("span", { class: i < d.energy.left ? "pip on" : "pip" })))),
    h("ul", { class: "plain" }, d.actions.map((a) => {
      const done = planned.get(a.id);
      const button = done
        ? h("button", { type: "button", id: `act-${a.id}`, "aria-pressed": "true", class: "on",
          onclick: () => act({ type: "CancelInspire", action: a.id, team: done.team }) },
          `Planned: ${a.title}${done.team ? ` (${teamName(view, done.team)})` : ""} — take back`)
        : h("button", { type: "button", id: `act-${a.id}`, "aria-pressed": "false",
          disabled: a.cost > d.energy.left,
          onclick: () => act({ type: "Inspire", action: a.id,
            team: a.needs_team ? coachTeam.value : null }) },
          `${a.title} · ${a.cost} energy`);
      return h("li", { class: "action" }, button,
        a.needs_team && !done ? h("span", { class: "inline" }, h("label", { for: "coach-team" }, " team: "), coachTeam) : null,
        h("span", { class: "blurb" }, a.blurb));
    })));
  const teams = h("section", { class: "card teams", "aria-labelledby": "teams-title" },
    h("h2", { id: "teams-title" }, "Your teams"),
    h("ul", { class: "plain" }, d.teams.map((t) => h("li", {}, h("strong", {}, t.name), " ",
      h("span", { class: "muted" }, teamLine(t))))),
    d.teams.some((t) => t.fatigue !== null) ? null
      : h("p", { class: "muted" }, "Fatigue is hidden: a listening tour reveals it next round."));
  const unspent = () => (d.energy.left > 0 ? `${d.energy.left} energy is unspent this round.` : "");
  return h("div", { class: "phase-leader" },
    h("h1", { class: "phase-title" }, "Leader: set the direction, inspire people"),
    metricsStrip(view),
    h("div", { class: "columns" }, h("div", {}, visions, teams), actions),
    phaseFooter(view, "Commit the leader phase", unspent));
}

function teamName(view, id) {
  const team = view.leader.teams.find((t) => t.id === id);
  return team ? team.name : id;
}

export function metricsStrip(view) {
  return h("dl", { class: "metrics" }, ["morale", "innovation", "delivery"].map((m) =>
    h("div", { class: `metric m-${m}` }, h("dt", {}, m), h("dd", {}, Math.round(view.metrics[m])))));
}
