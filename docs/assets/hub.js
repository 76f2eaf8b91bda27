/* Kayes hub, online site: what Material's JavaScript bundle would do that readers need, in
   3 KB instead of 35 KB: the light/dark switch, the share link and the search.

   Search (index written by toolkit/website/search_index.py): nothing is fetched until the reader types; then
   one small file per word (the words sharing its first two letters) and the titles of the
   results shown. The index is that of the page's language (<html lang>), so a reader of the
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

  /* --- Share: the phone's own share sheet where there is one (Web Share API), else WhatsApp
     with the title and the address the reader is on (the build writes the published address
     when it knows it: toolkit/website/previews.py) --- */
  Array.prototype.forEach.call(document.querySelectorAll("a[data-hub-share]"), function (link) {
    var title = link.getAttribute("data-hub-share");
    var here = /^https?:$/.test(location.protocol) ? location.href.split("#")[0] : "";
    if (here && link.href.indexOf(encodeURIComponent("://")) < 0) {
      link.href = "https://wa.me/?text=" + encodeURIComponent(title + " " + here);
    }
    link.addEventListener("click", function (event) {
      if (!navigator.share || !here) return;
      event.preventDefault();
      navigator.share({ title: title, url: here }).catch(function () { /* closed: nothing to do */ });
    });
  });

  /* --- Search --- */
  var form = document.querySelector("form[data-hub-search]");
  var toggle = document.getElementById("__search");
  if (!form || !toggle) return;
  var field = form.elements.query;
  var dialog = form.closest(".md-search");
  var meta = dialog.querySelector(".md-search-result__meta");
  var list = dialog.querySelector(".md-search-result__list");
  // The index of this page's language (toolkit/website/search_index.py): search/<lang>/<first 2 letters>.json
  var index = new URL(form.getAttribute("data-hub-search"), location.href);
  var siteRoot = new URL("../", index);
  var lang = root.lang || "fr";
  var STOP = {};
  (form.getAttribute("data-stop") || "").split(" ").forEach(function (w) { STOP[w] = 1; });
  var files = {};
  var asked = "";
  var timer = 0;

  function get(path) {
    if (!files[path]) {
      files[path] = fetch(new URL(lang + "/" + path, index)).then(function (response) {
        if (!response.ok) return null; // no word starts with these letters
        return response.json();
      }).catch(function () { delete files[path]; return null; });
    }
    return files[path];
  }

  // As toolkit/website/search_index.py: typed on any phone, no accents or tone marks, ɛ ɔ ɲ ŋ as e o ny ng.
  var KEYBOARD = { "ɛ": "e", "ɔ": "o", "ɲ": "ny", "ŋ": "ng" };
  function fold(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").normalize("NFC")
      .replace(/[ɛɔɲŋ]/g, function (c) { return KEYBOARD[c]; });
  }

  // `text` folded character by character, with where each folded character comes from in `text`.
  function folding(text) {
    var folded = "", from = [];
    for (var i = 0; i < text.length; i++) {
      var part = fold(text[i]);
      for (var j = 0; j < part.length; j++) from.push(i);
      folded += part;
    }
    from.push(text.length);
    return { text: folded, from: from };
  }

  function terms(query) {
    return (fold(query).match(/[\p{L}\p{N}]+/gu) || []).filter(function (w) { return !STOP[w]; });
  }

  // Pages holding a word that starts with `term`, with their weights (an exact word counts double).
  function lookup(term) {
    return get(encodeURIComponent(term.length > 1 ? term.slice(0, 2) : "_") + ".json").then(function (shard) {
      var found = {};
      if (!shard) return { found: found, n: 0, c: 16 };
      Object.keys(shard.w).forEach(function (word) {
        if (word.lastIndexOf(term, 0) !== 0) return;
        var flat = shard.w[word], page = 0;
        for (var i = 0; i < flat.length; i += 2) {
          page += flat[i];
          found[page] = (found[page] || 0) + flat[i + 1] * (word === term ? 2 : 1);
        }
      });
      return { found: found, n: shard.n, c: shard.c };
    });
  }

  function rank(parts) {
    var n = parts.reduce(function (m, p) { return Math.max(m, p.n); }, 0);
    var scores = {};
    var all = null; // pages holding every word; when none do, pages holding any
    parts.forEach(function (part) {
      var pages = Object.keys(part.found);
      var idf = Math.log(1 + n / (pages.length || 1));
      pages.forEach(function (page) { scores[page] = (scores[page] || 0) + part.found[page] * idf; });
      var mine = {};
      pages.forEach(function (page) { mine[page] = 1; });
      all = all === null ? mine : Object.keys(all).reduce(function (keep, page) {
        if (mine[page]) keep[page] = 1;
        return keep;
      }, {});
    });
    var pool = all && Object.keys(all).length ? Object.keys(all) : Object.keys(scores);
    return pool.sort(function (a, b) { return scores[b] - scores[a] || a - b; }).map(Number);
  }

  function count(n) {
    if (n === 0) return form.getAttribute("data-none");
    if (n === 1) return form.getAttribute("data-one");
    return form.getAttribute("data-other").replace("#", n);
  }

  function marked(text, words) { // the summary, with the words searched in <mark> (no HTML parsing)
    var p = document.createElement("p");
    var folded = folding(text); // marks land on the words as written: kolosi marks kɔlɔsi
    var pattern = new RegExp("(^|[^\\p{L}\\p{N}])(" + words.map(function (w) {
      return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    }).join("|") + ")", "gu");
    var last = 0, match;
    while (words.length && (match = pattern.exec(folded.text)) !== null) {
      var at = folded.from[match.index + match[1].length];
      var end = folded.from[match.index + match[0].length];
      if (at < last) continue;
      p.append(text.slice(last, at));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(at, end);
      p.append(mark);
      last = end;
    }
    p.append(text.slice(last));
    return p;
  }

  function item(row, words) {
    var li = document.createElement("li");
    li.className = "md-search-result__item";
    var link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = new URL(row[0], siteRoot).href;
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    var title = document.createElement("h1");
    title.textContent = row[1];
    article.append(title, marked(row[2], words));
    link.append(article);
    li.append(link);
    return li;
  }

  function search(query) {
    var words = terms(query);
    if (!words.length) return Promise.resolve(null);
    return Promise.all(words.map(lookup)).then(function (parts) {
      var ranked = rank(parts);
      var chunk = parts[0].c || 16;
      var top = ranked.slice(0, 10);
      var needed = {};
      top.forEach(function (page) { needed[Math.floor(page / chunk)] = 1; });
      return Promise.all(Object.keys(needed).map(function (k) {
        return get("p/" + k + ".json").then(function (rows) { return [k, rows || []]; });
      })).then(function (chunks) {
        var rows = {};
        chunks.forEach(function (entry) { rows[entry[0]] = entry[1]; });
        return {
          total: ranked.length,
          rows: top.map(function (page) { return rows[Math.floor(page / chunk)][page % chunk]; })
            .filter(Boolean),
          words: words
        };
      });
    });
  }

  function run() {
    var query = field.value.trim();
    asked = query;
    clearTimeout(timer);
    if (!query) {
      list.replaceChildren();
      meta.textContent = form.getAttribute("data-wait");
      return;
    }
    timer = setTimeout(function () { // wait for a pause in typing: one query, not one per letter
      search(query).then(function (result) {
        if (asked !== query) return; // a newer query is on its way
        if (!result) {
          list.replaceChildren();
          meta.textContent = form.getAttribute("data-none");
          return;
        }
        meta.textContent = count(result.total);
        list.replaceChildren.apply(list, result.rows.map(function (row) { return item(row, result.words); }));
      }).catch(function () {
        meta.textContent = form.getAttribute("data-none");
      });
    }, 300);
  }

  function open() {
    toggle.checked = true;
  }

  function close() {
    toggle.checked = false;
    field.blur();
  }

  field.addEventListener("focus", open);
  dialog.addEventListener("focusout", function (event) { // the keyboard left the search: close it
    if (toggle.checked && event.relatedTarget && !dialog.contains(event.relatedTarget)) toggle.checked = false;
  });
  field.addEventListener("input", run);
  toggle.addEventListener("change", function () {
    if (toggle.checked) field.focus();
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
