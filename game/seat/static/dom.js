// Small helpers to build the page: elements from data, never HTML from strings.

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") el.className = value;
    else if (key === "text") el.textContent = value;
    else if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export const pct = (x) => `${Math.round(x * 100)}%`;
export const one = (x) => (Math.round(x * 10) / 10).toFixed(1);
export const signed = (x) => `${x >= 0 ? "+" : "−"}${one(Math.abs(x))}`;
export const money = (x) => (Math.round(x * 10) / 10).toString();
export const title = (s) => s.charAt(0).toUpperCase() + s.slice(1).replaceAll("_", " ");

export const METRICS = ["morale", "innovation", "delivery"];

// A metric's change with its sign and an arrow, so that colour is never the only cue.
export function change(x) {
  const arrow = x > 0.05 ? "▲" : x < -0.05 ? "▼" : "•";
  return h("span", { class: x > 0.05 ? "up" : x < -0.05 ? "down" : "flat" }, `${arrow} ${signed(x)}`);
}

// A number box with − and + buttons; `send(value)` is called when the value is committed.
// Enter sends a typed value; the arrow keys Up and Down step it, as − and + do. `more`, if
// given, is what + does instead of one step up.
export function stepper({ id, label, value, step, min = 0, max = null, percent = false, send, more = null }) {
  const shown = (v) => (percent ? Math.round(v * 100) : Math.round(v * 10) / 10);
  const input = h("input", {
    id, type: "text", inputmode: "decimal", autocomplete: "off", value: shown(value),
    "aria-label": label + (percent ? " (%)" : ""),
  });
  const commit = (v) => {
    const raw = percent ? v / 100 : v;
    const clipped = Math.max(min, max === null ? raw : Math.min(max, raw));
    send(Math.round(clipped * 1e6) / 1e6);
  };
  input.addEventListener("change", () => {
    const v = Number(input.value.replace(",", ".").replace("%", ""));
    if (input.value.trim() === "") return;             // being retyped: nothing to send yet
    if (!Number.isFinite(v)) { input.value = shown(value); return; }
    commit(v);
  });
  const by = (k) => () => commit(shown(value) + k * (percent ? Math.round(step * 100) : step));
  const up = more || by(1);
  input.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.altKey || event.metaKey) return;
    if (event.key === "Enter") { event.preventDefault(); input.dispatchEvent(new Event("change")); }
    else if (event.key === "ArrowUp") { event.preventDefault(); up(); }
    else if (event.key === "ArrowDown") { event.preventDefault(); by(-1)(); }
  });
  return h("span", { class: "stepper" },
    h("button", { type: "button", class: "small", "aria-label": `Less ${label}`, onclick: by(-1) }, "−"),
    input,
    percent ? h("span", { class: "unit", "aria-hidden": "true" }, "%") : null,
    h("button", { type: "button", class: "small", "aria-label": `More ${label}`, onclick: up }, "+"));
}
