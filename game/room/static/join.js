"use strict";
// The join page: how to join this room, at the address participants use (the facilitator's
// LAN address, even when this page was opened on the facilitator's own laptop).
(function () {
  function show(address, scheme) {
    const room = scheme === "https" ? "https://" + address : address;
    for (const id of ["command", "pair"]) {
      const el = document.getElementById(id);
      el.textContent = el.textContent.replace(/--room \S+/, "--room " + room);
    }
    const play = scheme + "://" + address + "/play";
    document.getElementById("play-url").textContent = play;
    document.getElementById("play-link").href = play;
  }
  show(window.location.host, window.location.protocol === "https:" ? "https" : "http");
  fetch("/api/info").then((r) => r.json()).then((info) => {
    document.getElementById("scenario").textContent = info.scenario;
    document.getElementById("rounds").textContent = String(info.rounds);
    document.getElementById("round-label").textContent = info.round_label.toLowerCase() + "s";
    document.getElementById("joined").textContent = String(info.joined);
    if (info.address) show(info.address, info.scheme);
  }).catch(() => {});
})();
