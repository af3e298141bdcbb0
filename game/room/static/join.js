"use strict";
// The join page: how to join this room; the facilitator's way into the dashboard.
(function () {
  const host = window.location.host;
  for (const id of ["command", "pair"]) {
    const el = document.getElementById(id);
    el.textContent = el.textContent.replace("HOST:PORT", host);
  }
  fetch("/api/info").then((r) => r.json()).then((info) => {
    document.getElementById("scenario").textContent = info.scenario;
    document.getElementById("rounds").textContent = String(info.rounds);
    document.getElementById("joined").textContent = String(info.joined);
  }).catch(() => {});
  document.getElementById("facilitator-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const secret = document.getElementById("secret").value.trim();
    if (secret) {
      window.location.href = "/dashboard#secret=" + encodeURIComponent(secret);
    }
  });
})();
