// The entry page: collapsible criteria, keyboard moves between values, a prompt to confirm or
// clear a note whose value changed, and printing with every criterion open.
(function () {
  "use strict";
  var form = document.getElementById("entry-form");
  if (!form) { return; }
  var details = Array.prototype.slice.call(form.querySelectorAll("details.entry-details"));

  function setOpen(which) {
    details.forEach(function (d) {
      var status = d.getAttribute("data-status");
      d.open = which === "all" || (which === "unmet" && status !== "met" && status !== "not_applicable");
    });
  }
  // Criteria already met start folded: the page opens on what still needs work.
  if (details.length > 6) { setOpen("unmet"); }
  document.querySelectorAll("[data-entry-expand]").forEach(function (button) {
    button.addEventListener("click", function () { setOpen(button.getAttribute("data-entry-expand")); });
  });

  function openAround(element) {
    var d = element && element.closest("details");
    if (d && !d.open) { d.open = true; }
  }
  // A criterion chip (or any link to #criterion-N) opens the criterion it points to.
  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#criterion-']");
    if (link) { openAround(document.querySelector(link.getAttribute("href") + " details")); }
  });
  if (location.hash.indexOf("#criterion-") === 0) { openAround(document.querySelector(location.hash + " details")); }

  // Enter: next value; Shift+Enter: previous value; Ctrl+S (Cmd+S): save.
  form.addEventListener("keydown", function (event) {
    var target = event.target;
    if ((event.ctrlKey || event.metaKey) && (event.key === "s" || event.key === "S")) {
      var save = document.getElementById("entry-save");
      if (save) { event.preventDefault(); save.click(); }
      return;
    }
    if (event.key !== "Enter" || !target.classList.contains("value-input")) { return; }
    event.preventDefault();
    var inputs = Array.prototype.slice.call(form.querySelectorAll(".value-input"));
    var next = inputs[inputs.indexOf(target) + (event.shiftKey ? -1 : 1)];
    if (next) { openAround(next); next.focus(); next.select(); }
  });

  // A changed value with an unchanged note: ask whether the old note still holds.
  function field(name) { return form.querySelector("[name='" + name + "']"); }
  form.addEventListener("input", function (event) {
    var input = event.target;
    if (!input.classList.contains("value-input")) { return; }
    var key = input.name.slice(2);
    var original = field("o-" + key), originalNote = field("on-" + key), note = field("n-" + key);
    var prompt = document.getElementById("note-check-" + key);
    if (!original || !originalNote || !note || !prompt) { return; }
    var changed = input.value.trim() !== original.value.trim();
    prompt.hidden = !(changed && originalNote.value && note.value === originalNote.value && !note.dataset.confirmed);
  });
  form.addEventListener("click", function (event) {
    var keep = event.target.getAttribute("data-note-keep"), clear = event.target.getAttribute("data-note-clear");
    var key = keep || clear;
    if (!key) { return; }
    var note = field("n-" + key);
    if (clear) { note.value = ""; }
    note.dataset.confirmed = "1";
    document.getElementById("note-check-" + key).hidden = true;
  });

  // Print: every criterion open, then back as it was.
  var wasOpen = [];
  window.addEventListener("beforeprint", function () {
    wasOpen = details.map(function (d) { return d.open; });
    details.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    details.forEach(function (d, i) { d.open = wasOpen[i]; });
  });
  document.querySelectorAll("[data-entry-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
})();
