// After htmx swaps in a form or a refreshed plan, move keyboard focus to where the user's
// work continues: the first field of a new form, or the message that says what happened.
document.addEventListener("htmx:afterSettle", function (event) {
  var target = event.detail.elt;
  if (!target || !target.querySelector) return;
  var focus = target.querySelector("[data-focus]") || (target.matches && target.matches("[data-focus]") ? target : null);
  if (focus) focus.focus();
});

// "Skriv ut" on dashboards: the browser's print dialog (the print stylesheet hides the chrome).
document.addEventListener("click", function (event) {
  if (event.target.closest && event.target.closest("[data-print]")) window.print();
});
