// The trustee's one screen: it reads the round's state, and does this trustee's next step on this device —
// make the key (one tap), send the shares when every key is in (by itself, while the page is open), decrypt the
// totals once voting has ended (one tap). The secret never leaves the device: it is kept in localStorage, and in
// a backup file the trustee downloads. Texts come from the page (data-msg-*), in the page's language.
(function () {
  "use strict";
  var root = document.querySelector("[data-testid=trustee]");
  if (!root || typeof TrusteeCrypto === "undefined") return;
  var ballotID = root.dataset.ballot.toUpperCase();
  var status = root.querySelector("[data-testid=trustee-status]");
  var actions = root.querySelector("[data-testid=trustee-actions]");
  var seatsList = root.querySelector("[data-testid=trustee-seats]");
  var busy = false, timer = null;

  function msg(name) { return root.dataset["msg" + name.replace(/(^|-)(\w)/g, function (_, __, c) { return c.toUpperCase(); })] || name; }
  function say(text, kind) {
    status.textContent = text;
    status.className = "flash" + (kind ? " flash-" + kind : "");
    status.dataset.state = kind || "";
  }
  function storageKey(number) { return "thidua-trustee:" + ballotID + ":" + number; }
  function loadSecret(number) {
    try { return JSON.parse(localStorage.getItem(storageKey(number)) || "null"); } catch (e) { return null; }
  }
  function saveSecret(number, secret) { localStorage.setItem(storageKey(number), JSON.stringify(secret)); }

  async function request(url, body) {
    var options = { credentials: "same-origin", headers: { "Accept": "application/json" } };
    if (body) {
      options.method = "POST";
      options.headers["Content-Type"] = "application/json";
      options.headers["X-CSRF-Token"] = root.dataset.csrf;
      options.body = JSON.stringify(body);
    }
    var response = await fetch(url, options);
    var data = await response.json().catch(function () { return {}; });
    if (!response.ok) throw new Error(data.detail || data.reason || String(response.status));
    return data;
  }
  function postURL(number, step) {
    return root.dataset.postUrl.replace("/N/", "/" + number + "/").replace("{step}", step);
  }

  function button(label, testid, onClick) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "big";
    b.textContent = label;
    b.dataset.testid = testid;
    b.addEventListener("click", function () { run(onClick); });
    actions.appendChild(b);
    return b;
  }

  function offerDownload(number, secret) {
    var a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([JSON.stringify(secret, null, 2)], { type: "application/json" }));
    a.download = "khoa-kiem-phieu-" + ballotID.slice(0, 8) + "-" + number + ".json";
    a.textContent = msg("download");
    a.dataset.testid = "trustee-download";
    actions.appendChild(a);
  }

  function offerFile(number) {
    var input = document.createElement("input");
    input.type = "file";
    input.accept = "application/json,.json";
    input.setAttribute("aria-label", msg("missing-secret"));
    input.dataset.testid = "trustee-file";
    input.addEventListener("change", function () {
      var file = input.files[0];
      if (!file) return;
      file.text().then(function (text) {
        var secret = null;
        try { secret = JSON.parse(text); } catch (e) { secret = null; }
        if (!secret || String(secret.ballotID).toUpperCase() !== ballotID || secret.index !== number) {
          say(msg("wrong-file"), "error");
          return;
        }
        saveSecret(number, secret);
        tick();
      });
    });
    actions.appendChild(input);
  }

  function renderSeats(state) {
    seatsList.textContent = "";
    state.seats.forEach(function (s) {
      var li = document.createElement("li");
      var parts = [s.number + ". " + s.name + " (" + msg("seat-" + s.seat.replace(/[A-Z]/g, function (c) { return "-" + c.toLowerCase(); })) + ")"];
      parts.push(s.hasKey ? msg("has-key") : msg("no-key"));
      if (s.hasShares) parts.push(msg("has-shares"));
      if (s.hasDecryption) parts.push(msg("has-decryption"));
      if (s.holderName) parts.push(msg("holder") + ": " + s.holderName + (s.number === state.mine ? " (" + msg("you") + ")" : ""));
      li.textContent = parts.join(" · ");
      li.dataset.seat = String(s.number);
      seatsList.appendChild(li);
    });
  }

  async function run(step) {
    if (busy) return;
    busy = true;
    say(msg("working"));
    try { await step(); } catch (e) { say(msg("error") + " " + e.message, "error"); busy = false; schedule(); return; }
    busy = false;
    tick();
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(tick, 3000);
  }

  async function tick() {
    if (busy) return;
    var state;
    try { state = await request(root.dataset.stateUrl); } catch (e) { say(msg("network"), "error"); schedule(); return; }
    renderSeats(state);
    actions.textContent = "";
    if (state.status === "closed") {
      say(msg("done"), "ok");
      var link = document.createElement("a");
      link.href = root.dataset.boardUrl;
      link.textContent = root.dataset.boardUrl;
      link.dataset.testid = "trustee-board";
      actions.appendChild(link);
      return;
    }
    if (!state.mine) { say(msg("not-yours")); schedule(); return; }
    if (!window.crypto || !window.crypto.subtle) { say(msg("insecure"), "error"); return; }
    var number = state.mine;
    var me = state.seats.filter(function (s) { return s.number === number; })[0];
    var secret = loadSecret(number);
    if (!me.hasKey) {
      if (state.status !== "draft") { say(msg("not-yours")); return; }
      say(msg("key-note"));
      button(msg("make-key"), "trustee-make-key", async function () {
        var made = await TrusteeCrypto.makeKey(ballotID, number, state.threshold);
        saveSecret(number, made.secret);
        await request(postURL(number, "key"), made.contribution);
      });
      return;
    }
    if (!secret) { say(msg("missing-secret"), "error"); offerFile(number); schedule(); return; }
    if (state.status === "draft") {
      offerDownload(number, secret);
      if (!me.hasShares) {
        if (state.seats.every(function (s) { return s.hasKey; })) {
          return run(async function () {
            var made = await TrusteeCrypto.makeShares(secret, state.trustees);
            await request(postURL(number, "shares"), made);
          });
        }
        say(msg("waiting-keys"));
      } else {
        say(msg("ready") + " " + msg("wait-count"), "ok");
      }
      schedule();
      return;
    }
    if (state.status === "counting" && !me.hasDecryption) {
      say(msg("key-note"));
      button(msg("decrypt"), "trustee-decrypt", async function () {
        var check = await TrusteeCrypto.checkReceivedShares(secret, state.trustees);
        if (!check.ok) throw new Error(msg("bad-shares") + " " + check.problems.join("; "));
        var made = await TrusteeCrypto.decrypt(secret, state.trustees, state.encryptedTotals);
        await request(postURL(number, "decryption"), made);
      });
      return;
    }
    say(state.status === "counting" ? msg("decrypted") : msg("wait-count"), "ok");
    schedule();
  }

  tick();
})();
