/* Search as people type, for the offline kits of Bambara and Soninké (Material's lunr search).
 * Material's search worker loads assets/javascripts/lunr/min/lunr.<lang>.min.js for each language
 * of the search configuration and uses lunr[lang]: toolkit/kits/offline.py writes this file there
 * as lunr.typed.min.js and gives those kits the search language "typed".
 * Every word is indexed as written and, when it differs, as typed on a phone keyboard without
 * Bambara letters (no accents or tone marks, ɛ ɔ ɲ ŋ as e o ny ng: the online search's folding,
 * toolkit/website/search_index.py), so "kolosi" and "kɔlɔsi" both find kɔlɔsi, and the results
 * mark the word where it is written. Material adds a trailing wildcard to the words typed, and
 * lunr runs no pipeline on a wildcard term: both forms must be in the index. */
(function () {
  var KEYBOARD = { "ɛ": "e", "ɔ": "o", "ɲ": "ny", "ŋ": "ng" };
  var EDGES = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;

  function typed(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").normalize("NFC")
      .replace(/[ɛɔɲŋ]/g, function (c) { return KEYBOARD[c]; });
  }

  var trimmer = function (token) {
    return token.update(function (s) { return s.replace(EDGES, ""); });
  };
  var keyboard = function (token) {
    var written = token.toString();
    var folded = typed(written);
    if (folded === written) return token;
    return [token, token.clone(function () { return folded; })];
  };
  lunr.Pipeline.registerFunction(trimmer, "trimmer-typed");
  lunr.Pipeline.registerFunction(keyboard, "keyboard-typed");

  lunr.typed = function () {
    this.pipeline.reset();
    this.pipeline.add(trimmer, keyboard);
    this.searchPipeline.reset();
    this.searchPipeline.add(keyboard);
  };
  lunr.typed.trimmer = trimmer;
})();
