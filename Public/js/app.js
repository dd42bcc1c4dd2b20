// Small enhancements only; every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // Show the date fields or the relative fields of a milestone form, by the chosen mode.
  document.querySelectorAll("form.milestone-form").forEach((form) => {
    const sync = () => {
      const mode = form.querySelector("input[name=mode]:checked")?.value || "date";
      form.querySelector(".when-date").hidden = mode !== "date";
      form.querySelector(".when-relative").hidden = mode !== "relative";
    };
    form.querySelectorAll("input[name=mode]").forEach((r) => r.addEventListener("change", sync));
    sync();
  });
  // Ask before destructive actions.
  document.querySelectorAll("form[data-confirm]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  });
});

// The assessment form sums the self-scores as they are typed, and marks a box above its maximum or off its step.
// Read-only, it has no boxes: the server's total stays.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("form.assessment");
  const sum = document.querySelector("[data-testid=sum]");
  if (!form || !sum) return;
  const read = (text) => parseFloat((text || "").trim().replace(",", "."));
  const check = (input) => {
    if (!input.value.trim()) { input.classList.remove("invalid"); input.removeAttribute("aria-invalid"); return; }
    const value = read(input.value), max = read(input.dataset.max), step = read(input.dataset.step);
    const offStep = step > 0 && Math.abs(value / step - Math.round(value / step)) > 1e-9;
    const bad = isNaN(value) || value < 0 || (max >= 0 && value > max) || offStep;
    input.classList.toggle("invalid", bad);
    if (bad) input.setAttribute("aria-invalid", "true"); else input.removeAttribute("aria-invalid");
  };
  const update = () => {
    const boxes = form.querySelectorAll("input.points");
    form.querySelectorAll("input.points, input.agreed").forEach(check);
    if (boxes.length === 0) return;
    let total = 0;
    boxes.forEach((input) => { const value = read(input.value); if (!isNaN(value)) total += value; });
    sum.textContent = (Math.round(total * 100) / 100).toString().replace(".", ",");
  };
  form.addEventListener("input", update);
  update();
  // Evidence goes up in the background, so nothing typed in the form is lost.
  document.querySelectorAll("form.evidence-form").forEach((upload) => {
    upload.addEventListener("submit", async (event) => {
      event.preventDefault();
      const file = document.querySelector(`input[form="${upload.id}"]`);
      const cell = file.closest("td");
      const status = cell.querySelector(".evidence-status");
      try {
        const response = await fetch(upload.action, { method: "POST", body: new FormData(upload), credentials: "same-origin",
                                                       headers: { Accept: "application/json" } });
        const answer = await response.json().catch(() => ({}));
        if (!response.ok) throw new Error(answer.detail || "");
        const link = document.createElement("a");
        link.href = `/evidence/${answer.id}/file`;
        link.textContent = answer.fileName;
        cell.insertBefore(link, cell.firstChild);
        cell.insertBefore(document.createTextNode(" "), link.nextSibling);
        status.textContent = upload.dataset.done;
        file.value = "";
      } catch (error) {
        status.textContent = error.message || upload.dataset.failed;
      }
    });
  });
});

// Ask before a step that cannot be undone from the page (sending, closing, publishing).
document.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-confirm-button]");
  if (button && !window.confirm(button.dataset.confirmButton)) event.preventDefault();
});

// A PDF takes LibreOffice a few seconds: say so while it is made, then save it under the server's file name.
// Without JavaScript the link still downloads it.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("a[data-pdf]").forEach((link) => {
    const status = link.nextElementSibling;
    link.addEventListener("click", async (event) => {
      event.preventDefault();
      if (link.getAttribute("aria-busy") === "true") return;
      link.setAttribute("aria-busy", "true");
      status.textContent = link.dataset.busy;
      try {
        const response = await fetch(link.href, { credentials: "same-origin" });
        if (!response.ok) {
          const problem = await response.json().catch(() => ({}));
          throw new Error(problem.detail || link.dataset.failed);
        }
        const disposition = response.headers.get("Content-Disposition") || "";
        const utf8 = /filename\*=UTF-8''([^;]+)/.exec(disposition);
        const plain = /filename="([^"]+)"/.exec(disposition);
        const save = document.createElement("a");
        save.href = URL.createObjectURL(await response.blob());
        save.download = utf8 ? decodeURIComponent(utf8[1]) : plain ? plain[1] : "document.pdf";
        document.body.appendChild(save);
        save.click();
        save.remove();
        setTimeout(() => URL.revokeObjectURL(save.href), 10000);
        status.textContent = link.dataset.done;
      } catch (error) {
        status.textContent = error.message || link.dataset.failed;
      } finally {
        link.removeAttribute("aria-busy");
      }
    });
  });
});

// The vote: confirm naming the ticked units (or the blank vote) before a paper that cannot be changed is sent. The
// receipt is kept on this device only, so the vote page can show it again; the server never stores it by unit.
document.addEventListener("DOMContentLoaded", () => {
  const receipt = document.querySelector("[data-testid=receipt][data-ballot]");
  if (receipt) {
    try { localStorage.setItem(`thidua-receipt-${receipt.dataset.ballot}`, receipt.textContent.trim()); } catch (e) { /* private mode */ }
  }
  const kept = document.querySelector("[data-testid=kept-receipt]");
  if (kept) {
    let code = null;
    try { code = localStorage.getItem(`thidua-receipt-${kept.dataset.ballot}`); } catch (e) { /* private mode */ }
    if (code) { kept.textContent = code; kept.hidden = false; }
  }
  const form = document.querySelector("form.vote-form");
  if (!form) return;
  form.addEventListener("submit", (event) => {
    const names = [...form.querySelectorAll("input[name='choices[]']:checked")]
      .map((input) => input.closest("label").textContent.trim());
    const blank = form.querySelector("input[name=blank]")?.checked;
    if (names.length === 0 && !blank) return; // the server names what is missing
    const text = names.length ? form.dataset.confirmChoices.replace("{names}", names.join("; ")) : form.dataset.confirmBlank;
    if (!window.confirm(text)) event.preventDefault();
  });
});
