// Live filtering of a long facet's values while typing in its search field. Without
// JavaScript the field is a GET form to the facet's own page (/facets/<name>?prefix=…),
// which lists every value, also those beyond the 50 the search page shows; pressing Enter
// still goes there. A value is kept when the whole value or one of its words begins
// with the typed text (case and umlaut spelling ignored, as on the server).
(function () {
  "use strict";
  function fold(text) {
    return text.toLowerCase().replace(/ä/g, "ae").replace(/ö/g, "oe").replace(/ü/g, "ue").replace(/ß/g, "ss")
      .replace(/\s+/g, " ").trim();
  }
  function begins(value, wanted) {
    var key = fold(value);
    if (key.indexOf(wanted) === 0) { return true; }
    return key.replace(/-/g, " ").split(" ").some(function (word) { return word.indexOf(wanted) === 0; });
  }
  var fields = document.querySelectorAll("input[data-facet-list]");
  Array.prototype.forEach.call(fields, function (input) {
    var facet = input.closest("details.facet");
    if (!facet) { return; }
    input.addEventListener("input", function () {
      var wanted = fold(input.value);
      var items = facet.querySelectorAll("li");
      Array.prototype.forEach.call(items, function (item) {
        // the value is the link's own text: its check mark, count and hint are in spans
        var link = item.querySelector("a");
        var label = "";
        Array.prototype.forEach.call(link ? link.childNodes : [], function (node) {
          if (node.nodeType === 3) { label += node.textContent; }
        });
        item.hidden = wanted !== "" && !begins(label, wanted);
      });
      var more = facet.querySelector("details.more");
      if (more && wanted !== "") { more.open = true; }
    });
  });
}());
