// The result count for screen readers. They announce changes of a live region, not what a
// page loads with, and every filter is a link that loads a new page: so, after each load,
// the count is put into an empty status region (visually hidden; the count stays shown as
// it is). Without JavaScript the shown count keeps role=status.
(function () {
  "use strict";
  var count = document.getElementById("result-count");
  if (!count) { return; }
  var region = document.createElement("p");
  region.className = "visually-hidden";
  region.setAttribute("role", "status");
  count.removeAttribute("role");
  count.removeAttribute("aria-live");
  count.parentNode.insertBefore(region, count.nextSibling);
  window.setTimeout(function () {
    region.textContent = count.textContent.trim();
  }, 500);  // the region must exist for a moment before it changes
}());
