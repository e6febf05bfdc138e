// Suggestions as you type, from /api/v1/suggest: the search box's <datalist>, with
// municipalities among them also offered as links to their pages below the box, and the
// "near" field's own <datalist> of places.
// Progressive enhancement only: without JavaScript the forms work the same.
(function () {
  "use strict";
  if (!window.fetch) { return; }

  // Ask ``url`` for what ``input`` holds (two letters or more, a pause of 150 ms, not the
  // same text twice) and give the suggestions to ``show``.
  function watch(input, url, show) {
    var timer = null;
    var last = "";
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var text = input.value.trim();
        if (text.length < 2 || text === last) { return; }
        last = text;
        fetch(url + "?q=" + encodeURIComponent(text))
          .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
          .then(function (data) { show(data.suggestions); })
          .catch(function () { /* suggestions are optional */ });
      }, 150);
    });
  }

  function option(value, label) {
    var item = document.createElement("option");
    item.value = value;
    if (label) { item.label = label; }
    return item;
  }

  // The search box: every suggestion in its list, municipalities also as page links.
  var input = document.getElementById("q");
  var list = document.getElementById("suggestions");
  if (input && list) {
    var places = document.createElement("p");
    places.className = "hint place-links";
    places.id = "place-links";
    places.setAttribute("aria-live", "polite");
    var hint = document.getElementById("q-hint");
    (hint || input).parentNode.insertBefore(places, hint ? hint.nextSibling : input.nextSibling);

    var showPlaces = function (items) {
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
    };

    watch(input, input.getAttribute("data-suggest-url"), function (suggestions) {
      list.textContent = "";
      suggestions.forEach(function (item) { list.appendChild(option(item.text)); });
      showPlaces(suggestions.filter(function (item) { return item.url; }));
    });
  }

  // The "near" field (data-suggest-kind="place"): places only, each by its official key
  // (a name may stand for several places) and labelled with its name.
  Array.prototype.forEach.call(document.querySelectorAll("input[data-suggest-kind]"), function (field) {
    var own = field.list;
    var kind = field.getAttribute("data-suggest-kind");
    var url = field.getAttribute("data-suggest-url");
    if (!own || !url) { return; }
    watch(field, url, function (suggestions) {
      own.textContent = "";
      suggestions.forEach(function (item) {
        if (item.kind === kind) { own.appendChild(option(item.key || item.text, item.text)); }
      });
    });
  });
}());
