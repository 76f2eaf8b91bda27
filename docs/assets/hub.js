/* Kayes hub, online site: what Material's JavaScript bundle would do that readers need, in a
   few hundred bytes instead of 35 KB: the light/dark switch and the search.

   Search: Pagefind's files (its script, its WebAssembly and the index chunks for the words
   typed) are fetched only when the reader opens or focuses the search field, never at page
   load. Pagefind picks the index of the page's language (<html lang>), so a reader of the
   Bambara pages searches the Bambara pages. Without JavaScript, the search stays hidden. */
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("hub-js");

  /* --- Light / dark switch (Material's palette form; the choice is kept as Material does) --- */
  var palette = document.querySelector("[data-md-component=palette]");
  if (palette) {
    var inputs = Array.prototype.slice.call(palette.querySelectorAll("input[name=__palette]"));
    var keys = ["media", "scheme", "primary", "accent"];
    var show = function (input) {
      keys.forEach(function (key) {
        document.body.setAttribute("data-md-color-" + key, input.getAttribute("data-md-color-" + key));
      });
      inputs.forEach(function (other) {
        var toggle = other.nextElementSibling;
        if (toggle && toggle.tagName === "LABEL") toggle.hidden = other !== input;
      });
    };
    var saved = window.__md_get ? __md_get("__palette") : null;
    var start = saved && inputs[saved.index];
    if (!start) {
      start = inputs.filter(function (input) {
        var media = input.getAttribute("data-md-color-media");
        return media && window.matchMedia(media).matches;
      })[0] || inputs[0];
    }
    if (start) {
      start.checked = true;
      show(start);
    }
    palette.addEventListener("change", function (event) {
      var input = event.target;
      show(input);
      var color = {};
      keys.forEach(function (key) { color[key] = input.getAttribute("data-md-color-" + key); });
      if (window.__md_set) __md_set("__palette", { index: inputs.indexOf(input), color: color });
    });
  }

  /* --- Search --- */
  var form = document.querySelector("form[data-hub-search]");
  var toggle = document.getElementById("__search");
  if (!form || !toggle) return;
  var field = form.elements.query;
  var dialog = form.closest(".md-search");
  var meta = dialog.querySelector(".md-search-result__meta");
  var list = dialog.querySelector(".md-search-result__list");
  var bundle = new URL(form.getAttribute("data-hub-search"), location.href);
  var pagefind = null;
  var asked = "";

  function load() {
    if (!pagefind) {
      pagefind = import(bundle.href + "pagefind.js").then(function (module) {
        // Result addresses are relative to the site's root, wherever the site is published.
        return module.options({ baseUrl: bundle.pathname.replace(/pagefind\/$/, ""), excerptLength: 24 })
          .then(function () { return module; });
      });
      pagefind.catch(function () { pagefind = null; });
    }
    return pagefind;
  }

  function count(n) {
    if (n === 0) return form.getAttribute("data-none");
    if (n === 1) return form.getAttribute("data-one");
    return form.getAttribute("data-other").replace("#", n);
  }

  function item(result) {
    var li = document.createElement("li");
    li.className = "md-search-result__item";
    var link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = result.url;
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    var title = document.createElement("h1");
    title.textContent = (result.meta && result.meta.title) || result.url;
    var excerpt = document.createElement("p");
    excerpt.innerHTML = result.excerpt; // Pagefind's excerpt: page text, escaped, with <mark>
    article.append(title, excerpt);
    link.append(article);
    li.append(link);
    return li;
  }

  function run() {
    var query = field.value.trim();
    asked = query;
    if (!query) {
      list.replaceChildren();
      meta.textContent = form.getAttribute("data-wait");
      return;
    }
    load().then(function (module) {
      return module.debouncedSearch(query, {}, 250);
    }).then(function (search) {
      if (search === null || asked !== query) return null; // a newer query is on its way
      return Promise.all(search.results.slice(0, 10).map(function (r) { return r.data(); }))
        .then(function (results) {
          if (asked !== query) return;
          meta.textContent = count(search.results.length);
          list.replaceChildren.apply(list, results.map(item));
        });
    }).catch(function () {
      meta.textContent = form.getAttribute("data-none");
    });
  }

  function open() {
    if (!toggle.checked) {
      toggle.checked = true;
    }
    load();
  }

  function close() {
    toggle.checked = false;
    field.blur();
  }

  field.addEventListener("focus", open);
  field.addEventListener("input", run);
  toggle.addEventListener("change", function () {
    if (toggle.checked) {
      load();
      field.focus();
    }
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    run();
  });
  form.addEventListener("reset", function () {
    setTimeout(run, 0);
  });
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target && (target.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName));
    if (event.key === "Escape" && toggle.checked) {
      close();
    } else if (!typing && !event.ctrlKey && !event.metaKey && !event.altKey &&
               (event.key === "/" || event.key === "s" || event.key === "f")) {
      event.preventDefault();
      open();
      field.focus();
    }
  });
})();
