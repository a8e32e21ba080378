// The print button of the run of show (no inline script: the page's policy forbids it).

for (const button of document.querySelectorAll("[data-print]")) button.addEventListener("click", () => window.print());
