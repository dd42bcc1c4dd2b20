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

// The assessment form sums the self-scores as they are typed.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("form.assessment");
  const sum = document.querySelector("[data-testid=sum]");
  if (!form || !sum) return;
  const update = () => {
    let total = 0;
    form.querySelectorAll("input.points").forEach((input) => {
      const value = parseFloat((input.value || "0").replace(",", "."));
      const max = parseFloat(input.dataset.max || "0");
      input.classList.toggle("invalid", isNaN(value) || value < 0 || (max > 0 && value > max));
      if (!isNaN(value)) total += value;
    });
    sum.textContent = (Math.round(total * 100) / 100).toString().replace(".", ",");
  };
  form.addEventListener("input", update);
  update();
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
