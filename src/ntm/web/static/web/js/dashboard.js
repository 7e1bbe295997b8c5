// Dashboard map and charts, drawn from the web app's own JSON (no tile server, no CDN).
(function () {
  "use strict";
  var host = document.getElementById("dashboard");
  if (!host) { return; }
  var labels = JSON.parse(document.getElementById("chart-labels").textContent);
  // Level colours come from the CSS (--ntm-level-*), the same as the cards, tables and documents.
  var css = getComputedStyle(document.documentElement);
  var LEVEL_COLOURS = {};
  ["model", "advanced", "ntm", "none"].forEach(function (level) {
    LEVEL_COLOURS[level] = css.getPropertyValue("--ntm-level-" + level).trim() || "#6c757d";
  });
  var LABELS_ALWAYS = 60; // up to this many units, names stay on the map; beyond, from zoom 11
  var number = new Intl.NumberFormat(document.documentElement.lang || "vi", { maximumFractionDigits: 2 });

  function criteriaColour(met, total) {
    var share = total ? met / total : 0;
    var hue = Math.round(share * 120); // red (0) -> green (120)
    return "hsl(" + hue + ", 65%, 38%)";
  }

  function colourOf(row, mode) {
    if (mode === "recognised") { return LEVEL_COLOURS[row.recognised || "none"]; }
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
    div.appendChild(document.createElement("br"));
    div.appendChild(document.createTextNode(labels.recognised + ": " +
      (row.recognised ? labels["level_" + row.recognised] : labels.not_recognised)));
    return div;
  }

  function legend(map, shapes) {
    var control = L.control({ position: "bottomright" });
    control.onAdd = function () {
      var div = L.DomUtil.create("div", "map-legend");
      div.id = "map-legend";
      var caption = document.createElement("div");
      caption.id = "map-legend-caption";
      caption.className = "fw-semibold";
      caption.textContent = labels.by_data;
      div.appendChild(caption);
      ["model", "advanced", "ntm", "none"].forEach(function (level) {
        var line = document.createElement("div");
        var swatch = document.createElement("span");
        swatch.className = "legend-swatch swatch-" + level;
        line.appendChild(swatch);
        line.appendChild(document.createTextNode(labels["level_" + level]));
        div.appendChild(line);
      });
      [["area", labels.legend_area, shapes.areas], ["circle", labels.legend_circle, shapes.circles],
       [null, labels.legend_missing, shapes.missing]].forEach(function (item) {
        if (!item[2]) { return; }
        var line = document.createElement("div");
        if (item[0]) {
          var mark = document.createElement("span");
          mark.className = "legend-" + item[0];
          line.appendChild(mark);
        }
        line.appendChild(document.createTextNode(item[1].replace("%s", item[2])));
        div.appendChild(line);
      });
      return div;
    };
    control.addTo(map);
  }

  function drawMap(data) {
    var map = L.map("map", { attributionControl: false, zoomSnap: 0.25 });
    var layers = [];
    var shapes = { areas: 0, circles: 0, missing: 0 };
    data.communes.forEach(function (row) {
      var layer = null;
      if (row.geometry) {
        layer = L.geoJSON(row.geometry, { style: { color: "#222", weight: 1, fillOpacity: 0.7 } });
        shapes.areas += 1;
      } else if (row.lat !== null && row.lon !== null) {
        layer = L.circleMarker([row.lat, row.lon], { radius: 9, color: "#222", weight: 1.5, dashArray: "3 2", fillOpacity: 0.85 });
        shapes.circles += 1;
      }
      if (!layer) { shapes.missing += 1; return; }
      layer.bindPopup(tooltip(row));
      layer.bindTooltip(row.name, { permanent: true, direction: row.geometry ? "center" : "right", className: "map-label", offset: row.geometry ? [0, 0] : [8, 0] });
      layer.addTo(map);
      layers.push({ layer: layer, row: row });
    });
    function showNames() {
      var visible = layers.length <= LABELS_ALWAYS || map.getZoom() >= 11;
      layers.forEach(function (item) {
        var tip = item.layer.getTooltip();
        if (tip) { (visible ? item.layer.openTooltip() : item.layer.closeTooltip()); }
      });
    }
    map.on("zoomend", showNames);
    legend(map, shapes);
    function paint(mode) {
      layers.forEach(function (item) { item.layer.setStyle({ fillColor: colourOf(item.row, mode) }); });
      var caption = document.getElementById("map-legend-caption");
      if (caption) { caption.textContent = mode === "recognised" ? labels.by_decision : labels.by_data; }
      host.dataset.mapColour = mode;
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
    showNames();
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
      unmet.map(function (c) { return c.count; }), labels.unmet, css.getPropertyValue("--ntm-unmet").trim() || "#b02a37", false);
    drillDown(unmetChart, function (index) { return "&criterion=" + unmet[index].number; });
    new Chart(document.getElementById("chart-trend"), {
      type: "line",
      data: {
        labels: data.trend.periods,
        datasets: [
          { label: labels.average, data: data.trend.average_criteria_met, borderColor: LEVEL_COLOURS.ntm, backgroundColor: LEVEL_COLOURS.ntm, yAxisID: "y" },
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
