/* Kayes hub: filters on catalogue pages. Without JavaScript the whole list shows. */
(function () {
  "use strict";
  function setup() {
    var form = document.querySelector("form.hub-filters");
    var list = document.querySelector("ul.hub-catalogue");
    if (!form || !list) return;
    form.hidden = false;
    var cards = list.querySelectorAll("li.hub-card");
    var count = form.querySelector("output");
    var none = form.querySelector(".hub-no-match"); // says so when no card is left
    function apply() {
      var shown = 0;
      cards.forEach(function (card) {
        var ok = Array.prototype.every.call(form.elements, function (field) {
          if (field.tagName !== "SELECT" || !field.value) return true;
          var values = (card.getAttribute("data-" + field.name) || "").split(" ");
          return values.indexOf(field.value) !== -1;
        });
        card.hidden = !ok;
        if (ok) shown += 1;
      });
      if (count) count.textContent = shown + " / " + cards.length;
      if (none) none.hidden = shown > 0;
    }
    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    apply();
  }
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(setup);
  else document.addEventListener("DOMContentLoaded", setup);
})();
