// The portal's map and progress chart, from data the page embeds (json_script): no tiles and no
// other host; the map shows the units as points coloured by the level reached by data.
(function () {
  "use strict";
  var COLOURS = { model: "#14532d", advanced: "#15803d", ntm: "#4ade80", "": "#f59e0b", "no-data": "#d1d5db" };

  function read(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  function drawMap() {
    var element = document.getElementById("portal-map");
    var points = read("portal-points");
    if (!element || !points || !points.length || typeof L === "undefined") {
      if (element) { element.remove(); }
      return;
    }
    var map = L.map(element, { attributionControl: false, zoomSnap: 0.25 });
    var bounds = [];
    points.forEach(function (p) {
      var marker = L.circleMarker([p.lat, p.lon], {
        radius: 8, color: "#1f2937", weight: 1, fillColor: COLOURS[p.level] || COLOURS[""], fillOpacity: 0.9,
      }).addTo(map);
      var label = document.createElement("div");
      var link = document.createElement("a");
      link.href = p.url;
      link.textContent = p.name;
      label.appendChild(link);
      if (p.label) { label.appendChild(document.createElement("br")); label.appendChild(document.createTextNode(p.label + (p.criteria ? " · " + p.criteria : ""))); }
      marker.bindPopup(label);
      bounds.push([p.lat, p.lon]);
    });
    if (bounds.length === 1) { map.setView(bounds[0], 10); } else { map.fitBounds(bounds, { padding: [20, 20] }); }
  }

  function drawProgress() {
    var canvas = document.getElementById("portal-progress");
    var data = read("portal-progress-data");
    if (!canvas || !data || typeof Chart === "undefined") { return; }
    var datasets = data.kind === "criteria"
      ? [{ label: data.label, data: data.criteria_met, borderColor: "#15803d", tension: 0.2 }]
      : data.levels.map(function (l) {
          return { label: l.name, data: l.counts, borderColor: COLOURS[l.level], backgroundColor: COLOURS[l.level], tension: 0.2 };
        });
    new Chart(canvas, { type: "line", data: { labels: data.labels, datasets: datasets },
      options: { animation: false, maintainAspectRatio: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } } });
  }

  drawMap();
  drawProgress();
})();
