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
