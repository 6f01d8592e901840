// The section editor's toolbar: inserts Markdown around the selection in the textarea,
// then tells htmx the text changed (autosave). Without JavaScript the toolbar stays hidden
// and the help text explains the same syntax.
(function () {
  var toolbar = document.querySelector("[data-editor-toolbar]");
  var area = document.getElementById("id_text");
  if (!toolbar || !area) return;
  toolbar.hidden = false;
  var forms = {
    heading: function (s) { return { before: "\n## ", text: s || "Rubrik", after: "\n" }; },
    bold: function (s) { return { before: "**", text: s || "fet text", after: "**" }; },
    list: function (s) { return { before: "\n", text: (s || "punkt").split("\n").map(function (l) { return "- " + l; }).join("\n"), after: "\n" }; },
    numbered: function (s) { return { before: "\n", text: (s || "punkt").split("\n").map(function (l, i) { return (i + 1) + ". " + l; }).join("\n"), after: "\n" }; },
    link: function (s) { return { before: "[", text: s || "länktext", after: "](https://)" }; }
  };
  toolbar.addEventListener("click", function (event) {
    var button = event.target.closest("[data-insert]");
    if (!button) return;
    var start = area.selectionStart, end = area.selectionEnd;
    var made = forms[button.dataset.insert](area.value.slice(start, end));
    area.setRangeText(made.before + made.text + made.after, start, end, "end");
    area.setSelectionRange(start + made.before.length, start + made.before.length + made.text.length);
    area.focus();
    area.dispatchEvent(new Event("input", { bubbles: true }));
  });
})();
