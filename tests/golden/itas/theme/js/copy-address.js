// Progressive enhancement for the calendar subscription blocks: a button that copies the calendar's
// address. The button exists only when this script runs and the browser offers the clipboard API;
// without them the read-only field stays as it was, to be selected and copied by hand. The result is
// written into a status line (role="status", announced by screen readers).
(function () {
  "use strict";
  if (!navigator.clipboard || !navigator.clipboard.writeText) { return; }
  document.querySelectorAll(".calendar-url:not([data-copy])").forEach(function (block) {
    var input = block.querySelector("input");
    if (!input) { return; }
    block.setAttribute("data-copy", "");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button copy-button";
    button.textContent = "Adresse kopieren";
    var status = document.createElement("span");
    status.className = "copy-status";
    status.setAttribute("role", "status");
    button.addEventListener("click", function () {
      status.textContent = "";
      navigator.clipboard.writeText(input.value).then(function () {
        status.textContent = "Adresse kopiert";
      }, function () {
        input.select(); // the browser refused: the address is selected for Strg+C
        status.textContent = "Kopieren nicht möglich – die Adresse ist markiert, kopieren Sie sie mit Strg+C.";
      });
    });
    var actions = document.createElement("span");
    actions.className = "copy-actions";
    actions.append(button, status);
    block.append(actions);
  });
}());
