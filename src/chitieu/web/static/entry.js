// Data entry and the review queue, as progressive enhancement (the forms work without
// it): a "select all" box for the queue, and the plausibility check of a typed figure
// shown while it is typed, from the same rules the server applies on submit.
(function () {
  "use strict";

  function selectAll() {
    var all = document.getElementById("select-all");
    if (!all) return;
    all.parentElement.hidden = false;
    var boxes = document.querySelectorAll('input[name="ids"][form="bulk-approve"]');
    all.addEventListener("change", function () {
      boxes.forEach(function (b) { b.checked = all.checked; });
    });
  }

  function liveCheck() {
    var form = document.getElementById("entry-form");
    var out = document.getElementById("live-check");
    if (!form || !out) return;
    var url = form.getAttribute("data-check-url");
    var timer = null;
    function ask() {
      var data = new URLSearchParams();
      ["indicator", "area", "year", "value", "unit", "status"].forEach(function (name) {
        var el = form.elements[name];
        if (el) data.append(name, el.value);
      });
      if (!data.get("indicator") || !data.get("year") || !data.get("value")) {
        out.hidden = true;
        return;
      }
      fetch(url + "?" + data.toString(), { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (body) {
          if (!body || !body.messages || !body.messages.length) { out.hidden = true; out.textContent = ""; return; }
          out.textContent = body.messages.join("\n");
          out.hidden = false;
        })
        .catch(function () { out.hidden = true; });
    }
    form.addEventListener("input", function () {
      if (timer) clearTimeout(timer);
      timer = setTimeout(ask, 400);
    });
    form.addEventListener("change", ask);
  }

  document.addEventListener("DOMContentLoaded", function () {
    selectAll();
    liveCheck();
  });
})();
