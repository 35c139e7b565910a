// Progressive enhancement: pages work without JavaScript; with it, charts are drawn
// (Plotly, served locally) and the unit field follows the chosen indicator.
(function () {
  "use strict";

  function fmt(value, data) {
    var parts = Number(value).toFixed(2).replace(/\.?0+$/, "").split(".");
    parts[0] = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, data.thousands);
    return parts.join(data.decimal);
  }

  function drawChart(el) {
    var source = document.getElementById(el.getAttribute("data-chart-id"));
    if (!source || typeof Plotly === "undefined") return;
    var d = JSON.parse(source.textContent);
    var traces = [];
    function xy(points) {
      return { x: points.map(function (p) { return p[0]; }), y: points.map(function (p) { return p[1]; }) };
    }
    var band = d.band; // [from, to, low, high]
    if (band[2] !== null || band[3] !== null) {
      var lo = band[2] !== null ? band[2] : band[3];
      var hi = band[3] !== null ? band[3] : band[2];
      traces.push({ x: [band[0], band[1], band[1], band[0], band[0]], y: [lo, lo, hi, hi, lo],
        mode: "lines+markers", fill: lo === hi ? "none" : "toself", name: d.labels.target_band,
        line: { color: "#1a7f37", dash: "dot" }, fillcolor: "rgba(26,127,55,0.12)" });
    }
    if (d.required.length) {
      var r = xy(d.required);
      traces.push({ x: r.x, y: r.y, mode: "lines", name: d.labels.required_path, line: { color: "#8c959f", dash: "dash" } });
    }
    if (d.observed.length) {
      var o = xy(d.observed);
      traces.push({ x: o.x, y: o.y, mode: "lines+markers", name: d.labels.observed, line: { color: "#0b5cad", width: 3 },
        text: o.y.map(function (v) { return fmt(v, d) + " " + d.unit; }), hoverinfo: "x+text" });
    }
    if (d.projection.length) {
      var p = xy(d.projection);
      traces.push({ x: p.x, y: p.y, mode: "lines+markers", name: d.labels.projection, line: { color: "#bf8700", dash: "dashdot" } });
    }
    Plotly.newPlot(el, traces, {
      margin: { t: 10, r: 10, b: 40, l: 60 }, legend: { orientation: "h" },
      xaxis: { dtick: 1, tickformat: "d" }, yaxis: { title: { text: d.unit }, separatethousands: true },
      separators: d.decimal + d.thousands
    }, { displaylogo: false, responsive: true });
    el.removeAttribute("aria-hidden");
    el.setAttribute("data-drawn", "1");
  }

  function followUnit() {
    var select = document.getElementById("f-indicator");
    var unit = document.getElementById("f-unit");
    if (!select || !unit) return;
    function update() {
      var opt = select.options[select.selectedIndex];
      if (opt && opt.getAttribute("data-unit")) unit.placeholder = opt.getAttribute("data-unit");
    }
    select.addEventListener("change", update);
    update();
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll(".chart[data-chart-id]"), drawChart);
    followUnit();
  });
})();
