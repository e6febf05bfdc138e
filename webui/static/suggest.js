// Suggestions as you type: fills the search box's <datalist> from /api/v1/suggest.
// Municipalities among them are also offered as links to their pages, below the box.
// Progressive enhancement only: without JavaScript the form works the same.
(function () {
  "use strict";
  var input = document.getElementById("q");
  var list = document.getElementById("suggestions");
  if (!input || !list || !window.fetch) { return; }
  var url = input.getAttribute("data-suggest-url");
  var timer = null;
  var last = "";
  var places = document.createElement("p");
  places.className = "hint place-links";
  places.id = "place-links";
  places.setAttribute("aria-live", "polite");
  var hint = document.getElementById("q-hint");
  (hint || input).parentNode.insertBefore(places, hint ? hint.nextSibling : input.nextSibling);

  function showPlaces(items) {
    places.textContent = "";
    if (!items.length) { return; }
    places.appendChild(document.createTextNode(input.getAttribute("data-places-label") + " "));
    items.forEach(function (item, index) {
      var link = document.createElement("a");
      link.href = item.url;
      link.textContent = item.text;
      link.lang = "de";
      if (index) { places.appendChild(document.createTextNode(", ")); }
      places.appendChild(link);
    });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var text = input.value.trim();
      if (text.length < 2 || text === last) { return; }
      last = text;
      fetch(url + "?q=" + encodeURIComponent(text))
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) {
          list.textContent = "";
          data.suggestions.forEach(function (item) {
            var option = document.createElement("option");
            option.value = item.text;
            list.appendChild(option);
          });
          showPlaces(data.suggestions.filter(function (item) { return item.url; }));
        })
        .catch(function () { /* suggestions are optional */ });
    }, 150);
  });
}());
