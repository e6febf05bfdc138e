// Suggestions as you type: fills the <datalist> of each input with data-suggest-url (the
// search box; the "near" field, data-suggest-kind="place": places only) from /api/v1/suggest.
// Progressive enhancement only: without JavaScript the form works the same.
(function () {
  "use strict";
  if (!window.fetch) { return; }

  function attach(input) {
    var list = input.list;
    if (!list) { return; }
    var kind = input.getAttribute("data-suggest-kind");
    var url = input.getAttribute("data-suggest-url");
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
          .then(function (data) {
            list.textContent = "";
            data.suggestions.forEach(function (item) {
              if (kind && item.kind !== kind) { return; }
              var option = document.createElement("option");
              option.value = item.text;
              list.appendChild(option);
            });
          })
          .catch(function () { /* suggestions are optional */ });
      }, 150);
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("input[data-suggest-url]"), attach);
}());
