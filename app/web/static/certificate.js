// The certificate's print button (no inline script: the CSP allows only our own files).
for (const button of document.querySelectorAll("[data-print]")) {
  button.addEventListener("click", () => window.print());
}
