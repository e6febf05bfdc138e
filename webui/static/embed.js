// IKZ-Suche for other websites: renders cooperations from the JSON API into every
// <div data-ikz-search data-district="Kreis Soest" …>. Each data-* attribute is a search
// parameter (data-q, data-region, data-state, data-district, data-keyword, data-lead,
// data-participant, data-legal-form, data-year-from, data-year-to, data-sort,
// data-per-page, data-lang). What the element held (a link, the no-JavaScript fallback)
// stays below the list. No dependencies, no inline script, text only (never HTML).
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !window.fetch || !document.querySelectorAll) { return; }
  var base = new URL(".", new URL(script.src, document.baseURI)).href.replace(/static\/$/, "");
  var names = ["q", "region", "state", "district", "keyword", "lead", "participant", "legal_form",
               "year_from", "year_to", "sort", "per_page"];
  var texts = {
    de: { none: "Keine Kooperation gefunden.", error: "Die Suche ist gerade nicht erreichbar." },
    en: { none: "No cooperation found.", error: "The search cannot be reached right now." }
  };

  function render(element) {
    var params = new URLSearchParams();
    names.forEach(function (name) {
      var value = element.getAttribute("data-" + name.replace("_", "-"));
      if (value) { params.append(name, value); }
    });
    if (!params.has("per_page")) { params.set("per_page", "5"); }
    var lang = element.getAttribute("data-lang") === "en" ? "en" : "de";
    var list = document.createElement("ul");
    list.className = "ikz-results";
    list.setAttribute("lang", "de");
    fetch(base + "api/v1/search?" + params.toString())
      .then(function (response) { if (!response.ok) { throw new Error(response.status); } return response.json(); })
      .then(function (data) {
        if (!data.hits.length) {
          var empty = document.createElement("p");
          empty.setAttribute("lang", lang);
          empty.textContent = texts[lang].none;
          element.insertBefore(empty, element.firstChild);
          return;
        }
        data.hits.forEach(function (hit) {
          var item = document.createElement("li");
          var link = document.createElement("a");
          link.href = base + "profiles/" + encodeURIComponent(hit.id);
          link.textContent = hit.title;
          item.appendChild(link);
          if (hit.participants.length) {
            item.appendChild(document.createTextNode(" (" + hit.participants.join(", ") + ")"));
          }
          list.appendChild(item);
        });
        element.insertBefore(list, element.firstChild);
      })
      .catch(function () {
        var failed = document.createElement("p");
        failed.setAttribute("lang", lang);
        failed.textContent = texts[lang].error;
        element.insertBefore(failed, element.firstChild);
      });
  }

  var elements = document.querySelectorAll("[data-ikz-search]");
  for (var i = 0; i < elements.length; i += 1) { render(elements[i]); }
}());
