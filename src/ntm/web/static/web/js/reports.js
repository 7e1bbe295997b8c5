// The report form builds /reports/<kind>/<unit>/?set=&period= from its fields.
(function () {
  "use strict";
  var form = document.getElementById("report-form");
  var base = document.getElementById("report-base");
  if (!form || !base) { return; }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var kind = form.elements.kind.value;
    var unit = form.elements.unit.value;
    var params = new URLSearchParams();
    if (kind === "review") { params.set("set", form.elements.set.value); }
    if (form.elements.period.value) { params.set("period", form.elements.period.value); }
    window.location.href = base.dataset.url + encodeURIComponent(kind) + "/" + encodeURIComponent(unit) + "/?" + params.toString();
  });
})();
