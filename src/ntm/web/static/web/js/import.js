// Upload progress for the import page (htmx reports it; the bar is a plain <progress>).
(function () {
  "use strict";
  var form = document.getElementById("import-form");
  var bar = document.getElementById("import-progress-bar");
  if (!form || !bar) { return; }
  form.addEventListener("htmx:xhr:progress", function (event) {
    if (event.detail.lengthComputable) { bar.value = (event.detail.loaded / event.detail.total) * 100; }
  });
})();
