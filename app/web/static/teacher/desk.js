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
