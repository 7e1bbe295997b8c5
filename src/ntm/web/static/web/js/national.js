// The national map: one circle per province at its centre, coloured by the share of its
// communes with data that reach NTM by data; a circle opens the province's dashboard.
(function () {
  "use strict";
  var host = document.getElementById("national");
  if (!host) { return; }
  var labels = JSON.parse(document.getElementById("map-labels").textContent);
  var number = new Intl.NumberFormat(document.documentElement.lang || "vi", { maximumFractionDigits: 1 });

  function colour(row) {
    if (row.reached_share === null) { return "#adb5bd"; }
    return "hsl(" + Math.round(row.reached_share * 1.2) + ", 65%, 38%)"; // red (0%) -> green (100%)
  }

  function popup(row) {
    var div = document.createElement("div");
    var link = document.createElement("a");
    link.href = row.url;
    link.textContent = row.label;
    div.appendChild(link);
    div.appendChild(document.createElement("br"));
    div.appendChild(document.createTextNode(row.reached_share === null ? labels.no_data :
      labels.reached + ": " + row.reached + "/" + row.with_data + " (" + number.format(row.reached_share) + "%)"));
    return div;
  }

  function draw(data) {
    var map = L.map("map", { attributionControl: false, zoomSnap: 0.25 });
    var layers = [];
    data.provinces.forEach(function (row) {
      if (row.lat === null || row.lon === null) { return; }
      var radius = 6 + Math.min(18, Math.sqrt(row.communes || 1));
      var layer = L.circleMarker([row.lat, row.lon], { radius: radius, color: "#222", weight: 1, fillColor: colour(row), fillOpacity: 0.85 });
      layer.bindPopup(popup(row));
      layer.bindTooltip(row.name, { direction: "right", className: "map-label", offset: [8, 0] });
      layer.on("dblclick", function () { window.location.href = row.url; });
      layer.addTo(map);
      layers.push(layer);
    });
    var note = document.getElementById("map-note");
    if (!layers.length) {
      map.setView([16, 106], 5);
      note.textContent = labels.no_location;
    } else {
      map.fitBounds(L.featureGroup(layers).getBounds(), { padding: [20, 20], maxZoom: 9 });
      note.textContent = labels.legend;
    }
    host.dataset.circles = String(layers.length);
    document.body.dataset.nationalReady = "1";
  }

  fetch(host.dataset.url, { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then(function (response) { if (!response.ok) { throw new Error(response.status); } return response.json(); })
    .then(draw)
    .catch(function () { document.getElementById("map-note").textContent = labels.error; });
})();
