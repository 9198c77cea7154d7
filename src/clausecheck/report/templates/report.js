(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.remove("no-js");
  root.classList.add("js");

  var rows = Array.prototype.slice.call(document.querySelectorAll("tbody.req"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("section.group"));
  var buttons = Array.prototype.slice.call(document.querySelectorAll("[data-filter]"));
  var details = Array.prototype.slice.call(document.querySelectorAll("tbody.req details"));
  var blockingOnly = document.getElementById("blocking-only");
  var shown = document.getElementById("shown-count");
  var status = "all";

  function apply() {
    var visible = 0;
    rows.forEach(function (row) {
      var show = (status === "all" || row.getAttribute("data-status") === status) &&
        (!blockingOnly.checked || row.getAttribute("data-severity") === "blocking");
      row.hidden = !show;
      if (show) { visible += 1; }
    });
    groups.forEach(function (group) {
      group.hidden = !group.querySelector("tbody.req:not([hidden])");
    });
    buttons.forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.getAttribute("data-filter") === status));
    });
    shown.textContent = shown.getAttribute("data-template")
      .replace("{shown}", String(visible)).replace("{total}", String(rows.length));
  }

  buttons.forEach(function (button) {
    button.addEventListener("click", function () {
      var chosen = button.getAttribute("data-filter");
      status = (chosen === status && chosen !== "all") ? "all" : chosen;
      apply();
    });
  });
  blockingOnly.addEventListener("change", apply);

  function openAll(open) {
    details.forEach(function (item) { item.open = open; });
  }
  document.getElementById("expand-all").addEventListener("click", function () { openAll(true); });
  document.getElementById("collapse-all").addEventListener("click", function () { openAll(false); });

  // A printed report shows every requirement with its evidence, whatever the screen showed.
  var before = null;
  window.addEventListener("beforeprint", function () {
    before = details.map(function (item) { return item.open; });
    openAll(true);
  });
  window.addEventListener("afterprint", function () {
    if (before) { details.forEach(function (item, index) { item.open = before[index]; }); }
    before = null;
  });

  function openTarget() {
    var target = window.location.hash && document.getElementById(window.location.hash.slice(1));
    var item = target && target.querySelector("details");
    if (item) { item.open = true; }
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();
  apply();
}());
