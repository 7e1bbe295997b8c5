// The commune page's trend chart: criteria met per set over the periods with data.
(function () {
  "use strict";
  var source = document.getElementById("unit-trend-data");
  if (!source) { return; }
  var trend = JSON.parse(source.textContent);
  var colours = ["#1f9d55", "#0b5394", "#5b2a86", "#c0392b"];
  new Chart(document.getElementById("unit-trend"), {
    type: "line",
    data: {
      labels: trend.periods,
      datasets: trend.series.map(function (s, i) {
        return { label: s.name, data: s.criteria_met, borderColor: colours[i % colours.length], backgroundColor: colours[i % colours.length] };
      })
    },
    options: { maintainAspectRatio: false, animation: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
  });
})();
