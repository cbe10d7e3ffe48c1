// Downtrack: keeps a page current without a reload. No framework, no third-party requests.
(function () {
  "use strict";
  var body = document.body;
  var headlines = { ok: "No problems reported", possible: "Possible problems", outage: "Problems detected", unknown: "Not enough data" };

  function localTimes(root) {
    var nodes = (root || document).querySelectorAll("time[datetime]");
    for (var i = 0; i < nodes.length; i++) {
      var d = new Date(nodes[i].getAttribute("datetime"));
      if (!isNaN(d)) nodes[i].textContent = d.toLocaleString([], { dateStyle: "medium", timeStyle: "short" });
    }
    var labels = (root || document).querySelectorAll("text[data-time]");
    for (var j = 0; j < labels.length; j++) {
      var t = new Date(labels[j].getAttribute("data-time"));
      if (!isNaN(t)) labels[j].textContent = t.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
    }
  }

  function setText(id, text) { var el = document.getElementById(id); if (el) el.textContent = text; }

  function refreshService() {
    var url = body.getAttribute("data-json");
    if (!url || document.hidden) return;
    fetch(url, { cache: "no-cache" }).then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); }).then(function (doc) {
      var banner = document.getElementById("state");
      if (banner) banner.className = "banner state-" + doc.state;
      setText("state-headline", headlines[doc.state] || doc.state);
      setText("state-reason", doc.state_reason);
      setText("last-hour", String(doc.reports.last_hour));
      setText("last-24h", String(doc.reports.last_24h));
      var fresh = document.getElementById("freshness");
      if (fresh) fresh.textContent = "Updated " + new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
      drawBars(doc.reports.series);
    }).catch(function () {
      var fresh = document.getElementById("freshness");
      if (fresh) fresh.textContent = navigator.onLine ? "Could not refresh; showing the last data" : "Offline; showing the last data";
    });
  }

  function drawBars(series) {
    var svg = document.querySelector("#chart svg");
    if (!svg || !series || !series.length) return;
    var bars = svg.querySelectorAll("rect.bar");
    for (var i = 0; i < bars.length; i++) bars[i].parentNode.removeChild(bars[i]);
    var top = 10, plotH = 162, left = 36, plotW = 676, step = plotW / series.length;
    var maxV = 4;
    series.forEach(function (p) { maxV = Math.max(maxV, p.count, p.expected * 1.6); });
    var scale = niceCeil(maxV / 4) * 4;
    series.forEach(function (p, i) {
      if (!p.count) return;
      var r = document.createElementNS("http://www.w3.org/2000/svg", "rect");
      var y = top + plotH - p.count / scale * plotH;
      r.setAttribute("class", p.count > p.expected * 3 + 5 ? "bar hot" : "bar");
      r.setAttribute("x", left + step * i + step * 0.12);
      r.setAttribute("y", y);
      r.setAttribute("width", step * 0.76);
      r.setAttribute("height", top + plotH - y);
      svg.appendChild(r);
    });
  }

  function niceCeil(v) {
    var m = Math.pow(10, Math.floor(Math.log10(v)));
    var f = [1, 2, 5, 10];
    for (var i = 0; i < f.length; i++) if (f[i] * m >= v) return Math.max(1, f[i] * m);
    return 10 * m;
  }

  function wireForms() {
    var forms = document.querySelectorAll("form.report-form, form.notify-form");
    Array.prototype.forEach.call(forms, function (form) {
      form.addEventListener("submit", function (event) {
        if (!window.fetch) return;
        event.preventDefault();
        var result = form.querySelector(".form-result");
        var data = {};
        new FormData(form).forEach(function (v, k) { data[k] = v; });
        fetch(form.action, { method: "POST", headers: { "Content-Type": "application/json", "Accept": "application/json" }, body: JSON.stringify(data) })
          .then(function (r) { return r.json().catch(function () { return {}; }).then(function (b) { return { ok: r.ok, status: r.status, body: b }; }); })
          .then(function (res) {
            if (res.ok && form.classList.contains("report-form")) {
              result.textContent = "Thanks, your report was counted.";
              var el = document.getElementById("last-hour");
              if (el) el.textContent = String((parseInt(el.textContent, 10) || 0) + 1);
            } else if (res.ok) {
              result.textContent = "Check your inbox to confirm.";
            } else {
              result.textContent = (res.body && res.body.error) || ("Could not send (" + res.status + ")");
            }
          }).catch(function () { result.textContent = "Could not reach the server. Please try again."; });
      });
    });
  }

  function wireFilter() {
    var input = document.getElementById("filter");
    if (!input) return;
    var items = document.querySelectorAll(".service-item");
    // Filtering happens as you type; Enter must not reload the page.
    if (input.form) input.form.addEventListener("submit", function (event) { event.preventDefault(); });
    input.addEventListener("input", function () {
      var q = input.value.trim().toLowerCase();
      var shown = 0;
      Array.prototype.forEach.call(items, function (li) {
        var match = !q || li.getAttribute("data-search").indexOf(q) !== -1;
        li.hidden = !match;
        if (match) shown++;
      });
      setText("filter-status", q ? shown + " matching services" : "");
    });
  }

  // Home and category pages: refresh every chip from api/v1/summary.json, and let the
  // filter match names and aliases of every service in it.
  function refreshSummary() {
    var url = body.getAttribute("data-summary");
    if (!url || body.getAttribute("data-json") || document.hidden) return;
    fetch(url, { cache: "no-cache" }).then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); }).then(function (doc) {
      var bySlug = {};
      doc.services.forEach(function (s) { bySlug[s.slug] = s; });
      var items = document.querySelectorAll(".service-item");
      Array.prototype.forEach.call(items, function (li) {
        var entry = bySlug[li.getAttribute("data-slug")];
        if (!entry) return;
        var chip = li.querySelector(".chip");
        if (chip && chip.getAttribute("data-state") !== entry.state) {
          chip.setAttribute("data-state", entry.state);
          chip.className = "chip state-" + entry.state;
          chip.textContent = headlines[entry.state] || entry.state;
        }
        li.setAttribute("data-search", [entry.name].concat(entry.aliases || []).join(" ").toLowerCase());
      });
    }).catch(function () { /* keep what the page shows */ });
  }

  localTimes();
  wireForms();
  wireFilter();
  if (body.getAttribute("data-summary") && !body.getAttribute("data-json")) {
    refreshSummary();
    setInterval(refreshSummary, 60000);
    document.addEventListener("visibilitychange", function () { if (!document.hidden) refreshSummary(); });
  }
  if (body.getAttribute("data-json")) {
    setInterval(refreshService, 60000);
    document.addEventListener("visibilitychange", function () { if (!document.hidden) refreshService(); });
  }
})();
