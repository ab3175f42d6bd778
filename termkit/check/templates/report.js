(function () {
  "use strict";
  var selects = {
    check: document.getElementById("filter-check"),
    severity: document.getElementById("filter-severity"),
    doc: document.getElementById("filter-doc")
  };
  var findings = Array.prototype.slice.call(document.querySelectorAll("article.finding"));
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.doc"));
  var shown = document.getElementById("shown");
  var none = document.getElementById("none");

  function apply() {
    var n = 0;
    findings.forEach(function (el) {
      var ok = Object.keys(selects).every(function (key) {
        var want = selects[key].value;
        return !want || el.dataset[key] === want;
      });
      el.hidden = !ok;
      if (ok) { n += 1; }
    });
    sections.forEach(function (section) {
      section.hidden = !section.querySelector("article.finding:not([hidden])");
    });
    shown.textContent = n + " of " + findings.length + " finding(s) shown";
    none.hidden = n > 0;
  }

  Object.keys(selects).forEach(function (key) {
    selects[key].addEventListener("change", apply);
  });
  apply();
}());
