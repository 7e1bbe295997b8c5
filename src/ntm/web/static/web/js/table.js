// Sortable, filterable tables without a framework: <table data-sortable>, header cells
// .sortable[data-sort=text|number] holding a button, cells with data-value.
(function () {
  "use strict";
  // Names are Vietnamese whatever the page language: sort them by Vietnamese rules (the
  // server sorts with the same order, ntm.web.names.vietnamese_key).
  var collator = new Intl.Collator("vi", { sensitivity: "base", numeric: true });

  // Lower case, no tone or vowel marks, đ as d, single spaces: "Xuân Hoà" -> "xuan hoa", the
  // folding ntm.web.names.fold gives the rows' data-name.
  function fold(text) {
    return (text || "").replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ").trim();
  }

  function sortBy(table, th) {
    var headers = Array.prototype.slice.call(th.parentNode.children);
    var index = headers.indexOf(th);
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    var numeric = th.dataset.sort === "number";
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows).filter(function (r) { return r.cells.length > index; });
    rows.sort(function (a, b) {
      var x = a.cells[index].dataset.value || a.cells[index].textContent;
      var y = b.cells[index].dataset.value || b.cells[index].textContent;
      var order = numeric ? parseFloat(x) - parseFloat(y) : collator.compare(x, y);
      return ascending ? order : -order;
    });
    rows.forEach(function (r) { body.appendChild(r); });
    headers.forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }

  document.querySelectorAll("table[data-sortable]").forEach(function (table) {
    table.querySelectorAll("th.sortable").forEach(function (th) {
      var target = th.querySelector("button") || th;
      target.addEventListener("click", function () { sortBy(table, th); });
    });
  });

  var filter = document.getElementById("table-filter");
  var level = document.getElementById("table-level");
  var table = document.getElementById("commune-table");
  function applyFilter() {
    var text = fold(filter.value);
    var wanted = level ? level.value : "";
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
      if (!row.dataset.name) { return; }
      var show = row.dataset.name.split("\n").some(function (key) { return key.indexOf(text) !== -1; }) &&
        (!wanted || row.dataset.level === wanted);
      row.hidden = !show;
    });
  }
  if (filter && table) {
    filter.addEventListener("input", applyFilter);
    if (level) { level.addEventListener("change", applyFilter); }
  }
})();
