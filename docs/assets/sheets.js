/* Kayes hub: tool sheets and curricula used at a session, on the facilitator's phone.

   Checklists: the boxes of a tool sheet can be ticked. The ticks stay on this device
   (localStorage, per page; nothing is sent) and are not printed: a printed sheet has empty boxes
   (docs/assets/hub.css). Tapping the line ticks its box too.

   Sessions: each session of a curriculum gets a button that prints that session alone (the
   page's title and the session, down to the next session); its label comes from the page's
   language (data-print-label on this script's tag, written by the build).

   Loaded only on pages that have a checklist or sessions (toolkit/website/sheets.py), online
   and in the offline kit. */
(function () {
  "use strict";
  var me = document.currentScript;
  var body = document.querySelector("[data-hub-search-body]") || document.querySelector("article");
  if (!body) return;

  /* --- Checklists --- */
  var boxes = Array.prototype.slice.call(body.querySelectorAll(".task-list-item > input[type=checkbox]"));
  var key = "hub-ticks:" + location.pathname;
  var store = null;
  try { store = window.localStorage; store.getItem(key); } catch (e) { store = null; }
  var saved = store ? (store.getItem(key) || "") : "";
  boxes.forEach(function (box, i) {
    box.disabled = false;
    box.checked = saved.charAt(i) === "1";
    box.addEventListener("change", function () {
      if (!store) return;
      var state = boxes.map(function (b) { return b.checked ? "1" : "0"; }).join("");
      try {
        if (state.indexOf("1") < 0) store.removeItem(key); else store.setItem(key, state);
      } catch (e) { /* storage full or refused: the tick stays on screen only */ }
    });
    var item = box.parentNode;
    item.addEventListener("click", function (event) {
      if (event.target === box || event.target.closest("a, input, button, label")) return;
      box.checked = !box.checked;
      box.dispatchEvent(new Event("change"));
    });
  });

  /* --- One session printed alone --- */
  var label = me && me.getAttribute("data-print-label");
  var headings = Array.prototype.slice.call(body.querySelectorAll("h2[id^=session-]"));
  if (!label || !headings.length) return;
  var root = document.documentElement;
  var marked = [];
  function unmark() {
    root.classList.remove("hub-print-one");
    marked.forEach(function (el) { el.classList.remove("hub-print-part", "hub-print-path"); });
    marked = [];
  }
  function mark(el) { // printed, and so are the elements that hold it (hub.css hides the rest)
    el.classList.add("hub-print-part");
    marked.push(el);
    for (var up = el.parentElement; up && up !== body; up = up.parentElement) {
      up.classList.add("hub-print-path");
      marked.push(up);
    }
  }
  headings.forEach(function (heading) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "hub-print-session";
    button.textContent = label;
    if (me.getAttribute("data-print-lang")) button.lang = me.getAttribute("data-print-lang");
    button.addEventListener("click", function () {
      unmark();
      var title = body.querySelector("h1");
      if (title) mark(title);
      for (var el = heading; el && !(el !== heading && el.tagName === "H2"); el = el.nextElementSibling) mark(el);
      root.classList.add("hub-print-one");
      window.print();
    });
    heading.insertAdjacentElement("afterend", button);
  });
  window.addEventListener("afterprint", unmark);
})();
