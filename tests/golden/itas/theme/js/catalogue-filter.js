// Progressive enhancement for the catalogue: combine topic, place and format filters in place.
// Without JavaScript the filter links lead to ready-made filter pages instead.
(function () {
  "use strict";
  var list = document.querySelector("[data-filterable]");
  var filters = document.querySelector(".filters");
  if (!list || !filters) { return; }

  function options(attribute) {
    var values = {};
    list.querySelectorAll(".run").forEach(function (item) {
      (item.getAttribute(attribute) || "").split(" ").forEach(function (v) { if (v) { values[v] = true; } });
    });
    return Object.keys(values).sort();
  }

  function labelsFrom(groupId) {
    var labels = {};
    filters.querySelectorAll("[aria-labelledby='" + groupId + "'] a").forEach(function (link) {
      var parts = link.getAttribute("href").split("/").filter(Boolean);
      labels[decodeURIComponent(parts[parts.length - 1])] = link.textContent;
    });
    return labels;
  }

  var form = document.createElement("form");
  form.className = "filter-form";
  form.setAttribute("aria-label", "Angebote kombiniert filtern");
  var selects = [];
  [["data-topics", "Thema", "filter-thema"], ["data-node", "Ort", "filter-ort"], ["data-format", "Format", null]]
    .forEach(function (spec) {
      var values = options(spec[0]);
      if (!values.length) { return; }
      var labels = spec[2] ? labelsFrom(spec[2]) : {};
      var id = "auswahl-" + spec[0].slice(5);
      var label = document.createElement("label");
      label.setAttribute("for", id);
      label.textContent = spec[1];
      var select = document.createElement("select");
      select.id = id;
      select.dataset.attribute = spec[0];
      select.add(new Option("alle", ""));
      values.forEach(function (value) { select.add(new Option(labels[value] || value, value)); });
      var wrapper = document.createElement("div");
      wrapper.append(label, select);
      form.append(wrapper);
      selects.push(select);
    });
  var status = document.createElement("p");
  status.setAttribute("role", "status");
  form.append(status);
  filters.after(form);

  function apply() {
    var shown = 0;
    list.querySelectorAll(".run").forEach(function (item) {
      var match = selects.every(function (select) {
        return !select.value || (item.getAttribute(select.dataset.attribute) || "").split(" ").indexOf(select.value) >= 0;
      });
      item.hidden = !match;
      if (match) { shown += 1; }
    });
    list.querySelectorAll(".month-group").forEach(function (group) {
      group.hidden = !group.querySelector(".run:not([hidden])");
    });
    status.textContent = shown === 1 ? "1 Angebot" : shown + " Angebote";
  }
  form.addEventListener("change", apply);
  apply();
})();
