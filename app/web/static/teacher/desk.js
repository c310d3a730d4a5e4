// The teacher desk works without this file; it only adds small comforts to the forms.

// A button that removes or ends something asks first (revoke a kiosk link, end sessions).
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-confirm]");
  if (button && !window.confirm(button.dataset.confirm)) {
    event.preventDefault();
  }
});

// Choosing a week in the picker shows it at once (the button stays for keyboards).
for (const select of document.querySelectorAll("select[data-autosubmit]")) {
  select.addEventListener("change", () => select.form.requestSubmit());
}

// Copy a kiosk link to paste it into the display's browser.
for (const button of document.querySelectorAll("[data-copy]")) {
  button.addEventListener("click", async () => {
    const field = document.querySelector(button.dataset.copy);
    field.select();
    try {
      await navigator.clipboard.writeText(field.value);
      button.textContent = button.dataset.copied;
    } catch {
      // No clipboard (plain http): the text is selected; Ctrl+C still works.
    }
  });
}

for (const button of document.querySelectorAll("[data-print]")) {
  button.addEventListener("click", () => window.print());
}

// Printing the cards: the print dialog first, then the form tells the desk they were printed
// (the setup checklist ticks off). Without scripts the form still records it.
for (const button of document.querySelectorAll("[data-print-first]")) {
  button.addEventListener("click", () => window.print());
}

// A field that is not filled in right says how it should be, next to it, in the page's
// language (its data-message), instead of the browser's generic "match the format".
for (const field of document.querySelectorAll("[data-message]")) {
  const message = document.createElement("span");
  message.className = "field-message";
  message.id = `${field.name}-message-${Math.random().toString(36).slice(2, 8)}`;
  message.hidden = true;
  field.insertAdjacentElement("afterend", message);
  field.addEventListener("invalid", (event) => {
    event.preventDefault();
    message.textContent = field.dataset.message;
    message.hidden = false;
    field.setAttribute("aria-invalid", "true");
    field.setAttribute("aria-describedby", message.id);
    if (field.form.querySelector("[aria-invalid='true']") === field) field.focus();
  });
  field.addEventListener("input", () => {
    if (message.hidden || !field.checkValidity()) return;
    message.hidden = true;
    field.removeAttribute("aria-invalid");
  });
}

// A board's short name follows its title until the teacher types one of their own.
for (const slug of document.querySelectorAll("input[data-slug-from]")) {
  const title = slug.form.querySelector(`[name='${slug.dataset.slugFrom}']`);
  let own = slug.value !== "";
  slug.addEventListener("input", () => { own = slug.value !== ""; });
  title.addEventListener("input", () => {
    if (own) return;
    slug.value = title.value
      .normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40)
      .replace(/-+$/, "");
  });
}
