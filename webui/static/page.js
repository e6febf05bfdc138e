// The search page with JavaScript: a new sort order applies when it is chosen (the button
// stays for pages without JavaScript), and after a facet link has loaded the new page,
// focus returns to that facet's link (the link's URL leads to the facet, #facet-NAME: its
// summary, which the browser focuses, also without JavaScript).
(function () {
  "use strict";
  var sort = document.getElementById("sort");
  if (sort && sort.form) {
    var button = sort.form.querySelector("button[type=submit]");
    if (button) { button.hidden = true; }
    sort.addEventListener("change", function () { sort.form.submit(); });
  }

  var KEY = "ikz-facet-link";
  var facets = document.getElementById("filters");
  if (!facets) { return; }
  // a facet link's value: its own text, without the check mark, count and hint (spans)
  function label(link) {
    var text = "";
    for (var node = link.firstChild; node; node = node.nextSibling) {
      if (node.nodeType === 3) { text += node.nodeValue; }
    }
    return text.trim();
  }
  facets.addEventListener("click", function (event) {
    var link = event.target.closest("a");
    var group = link ? link.closest("[data-facet]") : null;
    if (!group) { return; }
    try {
      window.sessionStorage.setItem(KEY, JSON.stringify({facet: group.dataset.facet, value: label(link)}));
    } catch (error) { /* storage refused: the fragment alone brings the facet into view */ }
  });

  var match = /^#facet-([a-z_]+)$/.exec(window.location.hash);
  var summary = match ? document.getElementById("facet-" + match[1]) : null;
  var group = summary ? summary.closest("details") : null;
  if (!group) { return; }
  var target = summary;
  var stored = null;
  try {
    stored = JSON.parse(window.sessionStorage.getItem(KEY) || "null");
    window.sessionStorage.removeItem(KEY);
  } catch (error) { stored = null; }
  if (stored && stored.facet === match[1]) {
    var links = group.querySelectorAll("li a");
    for (var i = 0; i < links.length; i += 1) {
      if (label(links[i]) === stored.value) { target = links[i]; break; }
    }
  }
  var more = target.closest("details.more");
  if (more) { more.open = true; }
  // after the browser's own move to the fragment, which focuses the summary
  window.addEventListener("load", function () { window.setTimeout(function () { target.focus(); }, 0); });
}());
