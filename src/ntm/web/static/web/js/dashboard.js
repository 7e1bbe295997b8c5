// Dashboard map and charts, drawn from the web app's own JSON (no tile server, no CDN).
(function () {
  "use strict";
  var host = document.getElementById("dashboard");
  if (!host) { return; }
  var labels = JSON.parse(document.getElementById("chart-labels").textContent);
  var LEVEL_COLOURS = { model: "#5b2a86", advanced: "#0b5394", ntm: "#1f9d55", none: "#c0392b" };
  var number = new Intl.NumberFormat(document.documentElement.lang || "vi", { maximumFractionDigits: 2 });

  function criteriaColour(met, total) {
    var share = total ? met / total : 0;
    var hue = Math.round(share * 120); // red (0) -> green (120)
    return "hsl(" + hue + ", 65%, 38%)";
  }

  function colourOf(row, mode) {
    return mode === "criteria" ? criteriaColour(row.criteria_met, row.criteria_total) : LEVEL_COLOURS[row.level];
  }

  function tooltip(row) {
    var div = document.createElement("div");
    var link = document.createElement("a");
    link.href = row.url;
    link.textContent = row.label || (row.type + " " + row.name);
    div.appendChild(link);
    div.appendChild(document.createElement("br"));
    div.appendChild(document.createTextNode(labels["level_" + row.level] + " · " +
      row.criteria_met + "/" + row.criteria_total + " · " + row.indicators_met + "/" + row.indicators_total));
    return div;
  }

  function drawMap(data) {
    var map = L.map("map", { attributionControl: false, zoomSnap: 0.25 });
    var layers = [];
    data.communes.forEach(function (row) {
      var layer = null;
      if (row.geometry) {
        layer = L.geoJSON(row.geometry, { style: { color: "#222", weight: 1, fillOpacity: 0.7 } });
      } else if (row.lat !== null && row.lon !== null) {
        layer = L.circleMarker([row.lat, row.lon], { radius: 9, color: "#222", weight: 1, fillOpacity: 0.85 });
      }
      if (!layer) { return; }
      layer.bindPopup(tooltip(row));
      layer.addTo(map);
      layers.push({ layer: layer, row: row });
    });
    function paint(mode) {
      layers.forEach(function (item) { item.layer.setStyle({ fillColor: colourOf(item.row, mode) }); });
    }
    paint("level");
    document.querySelectorAll("input[name=map-colour]").forEach(function (input) {
      input.addEventListener("change", function () { paint(input.value); });
    });
    var note = document.getElementById("map-note");
    if (!layers.length) {
      map.setView([16, 106], 5);
      note.textContent = labels.no_location;
      return;
    }
    var group = L.featureGroup(layers.map(function (item) { return item.layer; }));
    map.fitBounds(group.getBounds(), { padding: [20, 20], maxZoom: 12 });
    if (!data.communes.some(function (row) { return row.geometry; })) { note.textContent = labels.circles; }
  }

  function barChart(id, chartLabels, values, label, colour, horizontal) {
    return new Chart(document.getElementById(id), {
      type: "bar",
      data: { labels: chartLabels, datasets: [{ label: label, data: values, backgroundColor: colour }] },
      options: {
        indexAxis: horizontal ? "y" : "x", maintainAspectRatio: false, animation: false,
        plugins: { legend: { display: false } },
        scales: { x: { ticks: { precision: 0 } }, y: { ticks: { precision: 0 } } }
      }
    });
  }

  // A bar opens the gap list of the communes behind it (follow-up page, filtered by criterion).
  function drillDown(chart, query) {
    var base = host.dataset.gapsUrl;
    if (!base) { return; }
    chart.options.onClick = function (event, elements) {
      if (elements.length) { window.location.href = base + query(elements[0].index); }
    };
    chart.options.onHover = function (event, elements) {
      event.native.target.style.cursor = elements.length ? "pointer" : "default";
    };
    chart.update();
  }

  function drawCharts(data) {
    var dist = data.criteria_distribution;
    barChart("chart-distribution", dist.map(function (_, i) { return String(i); }), dist, labels.communes, "#0b5394", false);
    var unmet = data.unmet_by_criterion;
    var unmetChart = barChart("chart-unmet", unmet.map(function (c) { return labels.criterion + " " + c.number; }),
      unmet.map(function (c) { return c.count; }), labels.unmet, "#c0392b", false);
    drillDown(unmetChart, function (index) { return "&criterion=" + unmet[index].number; });
    new Chart(document.getElementById("chart-trend"), {
      type: "line",
      data: {
        labels: data.trend.periods,
        datasets: [
          { label: labels.average, data: data.trend.average_criteria_met, borderColor: "#1f9d55", backgroundColor: "#1f9d55", yAxisID: "y" },
          { label: labels.meeting, data: data.trend.communes_meeting_set, borderColor: "#5b2a86", backgroundColor: "#5b2a86", yAxisID: "y1" }
        ]
      },
      options: {
        maintainAspectRatio: false, animation: false,
        plugins: { tooltip: { callbacks: { label: function (ctx) { return ctx.dataset.label + ": " + number.format(ctx.parsed.y); } } } },
        scales: { y: { beginAtZero: true, position: "left" }, y1: { beginAtZero: true, position: "right", grid: { drawOnChartArea: false }, ticks: { precision: 0 } } }
      }
    });
  }

  fetch(host.dataset.url, { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then(function (response) { if (!response.ok) { throw new Error(response.status); } return response.json(); })
    .then(function (data) { drawMap(data); drawCharts(data); document.body.dataset.dashboardReady = "1"; })
    .catch(function () { document.getElementById("map-note").textContent = labels.error; });
})();
