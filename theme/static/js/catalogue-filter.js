// Progressive enhancement for the catalogue: combine topic, place, format, date range, "kostenfrei"
// and "mit Zertifikat" in place. Without JavaScript the filter links lead to ready-made filter pages;
// once this script runs, those link lists give way to one form. The combined state lives in the
// URL's query string (thema, ort, format, von, bis, kostenfrei, zertifikat): reload, back and a
// shared link show the same selection. Every fact comes from the entries' data attributes.
(function () {
  "use strict";
  var list = document.querySelector("[data-filterable]");
  var filters = document.querySelector(".filters");
  var groups = filters && filters.querySelector(".filter-groups");
  if (!list || !groups) { return; }
  var runs = Array.prototype.slice.call(list.querySelectorAll(".run"));

  function options(attribute) {
    var values = {};
    runs.forEach(function (item) {
      (item.getAttribute(attribute) || "").split(" ").forEach(function (v) { if (v) { values[v] = true; } });
    });
    return Object.keys(values).sort();
  }

  // The select options are labelled as the no-JS links are (names from data, not ids).
  function labelsFrom(groupId) {
    var labels = {};
    filters.querySelectorAll("[aria-labelledby='" + groupId + "'] a").forEach(function (link) {
      // data-value where the link's slug is not the entries' value (formats: "praesenz" for "Präsenz")
      var parts = link.getAttribute("href").split("/").filter(Boolean);
      labels[link.getAttribute("data-value") || decodeURIComponent(parts[parts.length - 1])] = link.textContent;
    });
    return labels;
  }

  function field(labelText, control, className) {
    var label = document.createElement("label");
    label.setAttribute("for", control.id);
    label.textContent = labelText;
    var wrapper = document.createElement("div");
    if (className) { wrapper.className = className; wrapper.append(control, label); } else { wrapper.append(label, control); }
    form.append(wrapper);
  }

  var form = document.createElement("form");
  form.className = "filter-form";
  form.setAttribute("aria-label", "Angebote kombiniert filtern");
  var controls = []; // {param, element, test(item, value)}

  [["thema", "data-topics", "Thema", "filter-thema"], ["ort", "data-place", "Ort", "filter-ort"], ["format", "data-format", "Format", "filter-format"]]
    .forEach(function (spec) {
      var values = options(spec[1]);
      if (!values.length) { return; }
      var labels = spec[3] ? labelsFrom(spec[3]) : {};
      var select = document.createElement("select");
      select.id = "auswahl-" + spec[0];
      select.add(new Option("alle", ""));
      values.forEach(function (value) { select.add(new Option(labels[value] || value, value)); });
      field(spec[2], select);
      controls.push({ param: spec[0], element: select, test: function (item, value) {
        return (item.getAttribute(spec[1]) || "").split(" ").indexOf(value) >= 0;
      } });
    });

  // Date range by month: an entry matches when its days overlap the chosen months.
  var months = runs.map(function (item) { return (item.getAttribute("data-first") || "").slice(0, 7); }).filter(Boolean).sort();
  if (months.length) {
    [["von", "Ab Monat", function (item, value) { return (item.getAttribute("data-last") || "") >= value + "-01"; }],
      ["bis", "Bis Monat", function (item, value) { var first = item.getAttribute("data-first"); return !!first && first <= value + "-31"; }]]
      .forEach(function (spec) {
        var input = document.createElement("input");
        input.type = "month";
        input.id = "auswahl-" + spec[0];
        input.min = months[0];
        input.max = months[months.length - 1];
        input.placeholder = "JJJJ-MM"; // browsers without a month picker show a text field
        field(spec[1], input);
        controls.push({ param: spec[0], element: input, test: spec[2] });
      });
  }

  [["kostenfrei", "data-free", "kostenfrei"], ["zertifikat", "data-certificate", "mit Zertifikat"]].forEach(function (spec) {
    if (!runs.some(function (item) { return item.hasAttribute(spec[1]); })) { return; }
    var box = document.createElement("input");
    box.type = "checkbox";
    box.id = "auswahl-" + spec[0];
    field(spec[2], box, "filter-check");
    controls.push({ param: spec[0], element: box, test: function (item) { return item.hasAttribute(spec[1]); } });
  });

  function value(control) {
    var element = control.element;
    if (element.type === "checkbox") { return element.checked ? "1" : ""; }
    return element.type === "month" && !/^\d{4}-\d{2}$/.test(element.value) ? "" : element.value;
  }

  var reset = document.createElement("button");
  reset.type = "button";
  reset.className = "button filter-reset";
  reset.textContent = "Filter zurücksetzen";
  var resetWrapper = document.createElement("div");
  resetWrapper.append(reset);
  form.append(resetWrapper);
  var status = document.createElement("p");
  status.setAttribute("role", "status");
  form.append(status);

  // What to do when nothing matches: remove a filter, see all, or subscribe to be told of new dates.
  var empty = document.createElement("div");
  empty.className = "filter-empty";
  empty.hidden = true;
  var advice = document.createElement("p");
  advice.textContent = "Kein Angebot passt zu allen gewählten Filtern. Entfernen Sie einen Filter, ";
  var all = document.createElement("a");
  all.href = location.pathname;
  all.textContent = "zeigen Sie alle Angebote";
  advice.append(all);
  var subscribe = document.querySelector(".calendar-subscribe [id]");
  if (subscribe) {
    var calendar = document.createElement("a");
    calendar.href = "#" + subscribe.id;
    calendar.textContent = "abonnieren Sie den Kalender";
    advice.append(" oder ", calendar, ": neue Termine erscheinen dann von selbst.");
  } else {
    advice.append(".");
  }
  empty.append(advice);
  groups.before(form);
  groups.hidden = true;
  list.before(empty);

  function apply() {
    var active = controls.filter(function (control) { return value(control); });
    var shown = 0;
    runs.forEach(function (item) {
      var match = active.every(function (control) { return control.test(item, value(control)); });
      item.hidden = !match;
      if (match) { shown += 1; }
    });
    list.querySelectorAll(".month-group").forEach(function (group) {
      group.hidden = !group.querySelector(".run:not([hidden])");
    });
    empty.hidden = shown > 0;
    reset.disabled = !active.length;
    status.textContent = shown ? (shown === 1 ? "1 Angebot" : shown + " Angebote")
      : advice.textContent;
  }

  function fromUrl() {
    var params = new URLSearchParams(location.search);
    controls.forEach(function (control) {
      var wanted = params.get(control.param) || "";
      if (control.element.type === "checkbox") { control.element.checked = wanted === "1"; }
      else if (control.element.tagName === "SELECT" && !control.element.querySelector("option[value='" + CSS.escape(wanted) + "']")) { control.element.value = ""; }
      else { control.element.value = wanted; }
    });
    apply();
  }

  function toUrl() {
    var params = new URLSearchParams(location.search);
    controls.forEach(function (control) {
      if (value(control)) { params.set(control.param, value(control)); } else { params.delete(control.param); }
    });
    var query = params.toString();
    var url = location.pathname + (query ? "?" + query : "") + location.hash;
    if (url !== location.pathname + location.search + location.hash) { history.pushState(null, "", url); }
  }

  form.addEventListener("change", function () { toUrl(); apply(); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  reset.addEventListener("click", function () {
    controls.forEach(function (control) { if (control.element.type === "checkbox") { control.element.checked = false; } else { control.element.value = ""; } });
    toUrl();
    apply();
    controls[0] && controls[0].element.focus();
  });
  window.addEventListener("popstate", fromUrl);
  fromUrl();
})();
