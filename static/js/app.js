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

// Min uppföljning. Each row saves on its own (htmx); what is typed in a row and not yet
// saved is marked "Inte sparat", and leaving the page then asks first (beforeunload), so
// work is never lost silently. A row's baseline is what the server last sent for it.
(function () {
  var saved = new WeakMap();
  function state(form) { return new URLSearchParams(new FormData(form)).toString(); }
  function rows(root) {
    var found = root.querySelectorAll ? Array.prototype.slice.call(root.querySelectorAll("form[data-row-form]")) : [];
    if (root.matches && root.matches("form[data-row-form]")) found.push(root);
    return found;
  }
  function mark(form) {
    var dirty = saved.has(form) && state(form) !== saved.get(form);
    var note = form.querySelector("[data-unsaved]");
    if (note) note.hidden = !dirty;
    form.toggleAttribute("data-dirty", dirty);
  }
  // The reason for overruling is asked for only when the chosen status differs from the
  // suggestion (followup.rules.needs_overrule_reason); without JavaScript it always shows.
  function overrule(form) {
    var box = form.querySelector("[data-overrule]");
    if (!box) return;
    var chosen = form.querySelector("input[type=radio][name$='-status']:checked");
    var suggested = box.dataset.overrule;
    var text = box.querySelector("textarea");
    var needed = suggested !== "none" && chosen && chosen.value !== "none" && chosen.value !== suggested;
    box.hidden = !(needed || (text && text.value.trim()) || box.classList.contains("field-error"));
  }
  // A control's result asks for its action only when it has findings (Mindre or Väsentliga
  // brister: internal_control.rules.needs_action); without JavaScript the fields always show.
  function actionBox(form) {
    var box = form.querySelector("[data-action-box]");
    if (!box) return;
    var chosen = form.querySelector("input[type=radio][name$='-outcome']:checked");
    var typed = Array.prototype.some.call(box.querySelectorAll("textarea, input:not([type=hidden]), select"), function (f) { return f.value.trim() !== ""; });
    box.hidden = !((chosen && (chosen.value === "minor" || chosen.value === "major")) || typed || box.querySelector(".field-error"));
  }
  // A count's Totalt is kvinnor + män (followup.rules.fill_total): filled in as they are typed.
  function total(form, changed) {
    var sum = form.querySelector("[data-total-sum]");
    if (!sum || changed === sum) return;
    var parts = ["women", "men"].map(function (sex) {
      var input = form.querySelector("input[name$='-value_" + sex + "']");
      var text = input ? input.value.replace(/[\s\u00a0\u202f]/g, "").replace("−", "-").replace(",", ".") : "";
      return text === "" ? NaN : Number(text);
    });
    if (isNaN(parts[0]) || isNaN(parts[1])) return;
    var result = parts[0] + parts[1];
    sum.value = String(Math.round(result * 1e6) / 1e6).replace(".", ",");
  }
  function arm(root) {
    rows(root).forEach(function (form) {
      // A refused save comes back with what was typed: still unsaved, whatever it shows.
      saved.set(form, form.hasAttribute("data-not-saved") ? null : state(form));
      overrule(form);
      actionBox(form);
      mark(form);
    });
  }
  function changed(event) {
    var form = event.target.closest && event.target.closest("form[data-row-form]");
    if (!form) return;
    total(form, event.target);
    overrule(form);
    actionBox(form);
    mark(form);
  }
  document.addEventListener("input", changed);
  document.addEventListener("change", changed);
  document.addEventListener("htmx:load", function (event) { arm(event.detail.elt); });
  document.addEventListener("DOMContentLoaded", function () { arm(document); });
  // A whole-page form (a risk, a control) marked data-guard: leaving it with typed, unsent
  // work asks first too; sending it is not leaving it.
  function guards(root) {
    Array.prototype.forEach.call(root.querySelectorAll ? root.querySelectorAll("form[data-guard]") : [], function (form) {
      // A refused form comes back with what was typed: unsent work from the start.
      saved.set(form, form.hasAttribute("data-not-saved") ? null : state(form));
      form.toggleAttribute("data-dirty", form.hasAttribute("data-not-saved"));
    });
  }
  function guarded(event) {
    var form = event.target.closest && event.target.closest("form[data-guard]");
    if (form) form.toggleAttribute("data-dirty", state(form) !== saved.get(form));
  }
  document.addEventListener("input", guarded);
  document.addEventListener("change", guarded);
  document.addEventListener("submit", function (event) {
    if (event.target.matches && event.target.matches("form[data-guard]")) event.target.removeAttribute("data-dirty");
  });
  document.addEventListener("DOMContentLoaded", function () { guards(document); });
  window.addEventListener("beforeunload", function (event) {
    var forms = document.querySelectorAll("form[data-row-form][data-dirty], form[data-guard][data-dirty]");
    if (!forms.length) return;
    event.preventDefault();
    event.returnValue = "";
  });
})();

// A valuation on the risk matrix is one radio group laid out as the matrix: the arrow keys
// move as the eye does (up = likelier, right = worse), not only along the DOM order.
document.addEventListener("keydown", function (event) {
  var radio = event.target;
  if (!radio.matches || !radio.matches(".matrix-grid input[type=radio]")) return;
  var step = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] }[event.key];
  if (!step) return;
  var cell = radio.closest("td"), row = cell.parentElement;
  var rows = Array.prototype.slice.call(row.parentElement.children).filter(function (r) { return r.querySelector("input[type=radio]"); });
  var cells = function (r) { return Array.prototype.slice.call(r.querySelectorAll("td.matrix-cell")); };
  var y = rows.indexOf(row) + step[0], x = cells(row).indexOf(cell) + step[1];
  event.preventDefault();
  if (y < 0 || y >= rows.length || x < 0 || x >= cells(rows[y]).length) return;
  var next = cells(rows[y])[x].querySelector("input[type=radio]");
  next.checked = true;
  next.focus();
  next.dispatchEvent(new Event("change", { bubbles: true }));
});
