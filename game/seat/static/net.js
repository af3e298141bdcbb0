// The page's one connection to the room server, and the messages the game screens send.
const state = { ws: null, seq: 0, acts: new Set(), lastAct: 0, asking: null };

export function useSocket(ws) {
  state.ws = ws;
  state.acts.clear();     // a new connection: answers to the old one's decisions never come
}

export function problem(text) {
  const el = document.getElementById("problem");
  el.textContent = text || "";
  el.hidden = !text;
}

export function send(message) {
  if (!state.ws || state.ws.readyState !== WebSocket.OPEN) {
    problem("Not connected to the room just now; reconnecting…");
    return;
  }
  state.seq += 1;
  if (message.type === "act" || message.type === "undo") {
    state.acts.add(state.seq);
    state.lastAct = state.seq;
    clearTimeout(state.asking);       // the plan is changing: its forecast can wait
  }
  state.ws.send(JSON.stringify({ ...message, seq: state.seq }));
  busy();
}

// The game area is busy while a decision waits for the room's answer.
function busy() {
  document.getElementById("game").setAttribute("aria-busy", state.acts.size > 0 ? "true" : "false");
}

// Whether an answer is to one of the player's own decisions (then it is always drawn, so a
// value the rules kept as it was shows as it is).
export function answersAct(seq) {
  const mine = state.acts.delete(seq);
  busy();
  return mine;
}

export const act = (decision) => send({ type: "act", decision });
export const undo = () => send({ type: "undo" });

// A line in the room's message log (read out by screen readers; on screen for ten seconds).
export function say(text) {
  const log = document.getElementById("news");
  const line = document.createElement("p");
  line.textContent = text;
  log.append(line);
  while (log.childElementCount > 4) log.firstElementChild.remove();
  setTimeout(() => line.remove(), 10000);      // on screen for ten seconds
}

// The model's forecast of the manager's plan is asked once the plan has stopped changing
// for a moment, so a run of quick changes runs the model once.
export function askForecast(delay = 150) {
  clearTimeout(state.asking);
  state.asking = setTimeout(() => send({ type: "forecast" }), delay);
}

// A forecast is shown only if no decision was sent after it was asked for.
export const current = (seq) => seq > state.lastAct && state.acts.size === 0;
