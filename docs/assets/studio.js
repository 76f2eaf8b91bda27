/* Kayes hub: the recording studio. Turns the page's capsule scripts (<details
   class="hub-studio-script">) into a teleprompter with a recorder (MediaRecorder), a level meter,
   the elapsed time against the target, listen back, re-take, and "Partager": the recording
   (capsule.<lang>.<ext>, or capsule-<n>.<lang>.<ext> for a curriculum's session n) and its
   sidecar go to the phone's share sheet (Web Share API with files: WhatsApp, Bluetooth, e-mail),
   the sidecar as capsule.<lang>.txt (share sheets refuse .json); where sharing files is not
   supported, both are downloaded (sidecar .json) and the page says where to send them (data-to:
   the site operator's organisation). Nothing is uploaded by the page itself. Works from file://
   and offline: no request at all. Interface strings come from the page (data-l-*). */
(function () {
  "use strict";
  var MAX_SECONDS = 120;
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) node.textContent = text;
    return node;
  }
  function clock(s) {
    s = Math.max(0, Math.floor(s));
    return Math.floor(s / 60) + ":" + ("0" + (s % 60)).slice(-2);
  }
  function extension(type) {
    if (/ogg/.test(type)) return ".ogg";
    if (/mp4|aac|m4a/.test(type)) return ".m4a";
    return ".webm";
  }
  function setup() {
    var root = document.querySelector(".hub-studio");
    if (!root || root.getAttribute("data-ready")) return;
    root.setAttribute("data-ready", "1");
    var without = document.querySelector(".hub-studio-noscript"); // the words for readers without JavaScript
    if (without) without.hidden = true;
    var t = function (key) { return root.getAttribute("data-l-" + key) || key; };
    var french = (root.getAttribute("data-l-fr") || "").split(" ");
    function say(node, key, text) { // a string in French for want of a translation says so
      node.textContent = text === undefined ? t(key) : text;
      if (french.indexOf(key) >= 0) node.setAttribute("lang", "fr"); else node.removeAttribute("lang");
      return node;
    }
    var scripts = Array.prototype.slice.call(root.querySelectorAll("details.hub-studio-script"));
    if (!scripts.length) return;
    var ui = el("div", { "class": "hub-studio-ui" });
    var pick = el("select", { "class": "hub-studio-pick" });
    var pickLabel = say(el("label", { "class": "hub-studio-field" }), "capsule");
    pickLabel.appendChild(pick);
    var group = null; // one <optgroup> per item (a curriculum's sessions under its title)
    scripts.forEach(function (d, i) {
      var name = d.getAttribute("data-group");
      if (name && (!group || group.label !== name)) { group = el("optgroup", { label: name }); pick.appendChild(group); }
      (name ? group : pick).appendChild(el("option", { value: String(i) }, d.querySelector("summary").textContent));
    });
    var chosen = el("p", { "class": "hub-studio-chosen" }); // the whole name: a select cuts it
    var where = el("p", { "class": "hub-studio-where" });
    var prompter = el("div", { "class": "hub-studio-prompter", tabindex: "0" });
    var meter = el("div", { "class": "hub-studio-meter", role: "meter", "aria-valuemin": "0",
                            "aria-valuemax": "100", "aria-valuenow": "0", "aria-label": "level" });
    var bar = el("span");
    meter.appendChild(bar);
    var time = el("output", { "class": "hub-studio-time", "aria-live": "off" }, "0:00");
    var record = say(el("button", { type: "button", "class": "hub-studio-record" }), "record");
    var stop = say(el("button", { type: "button", "class": "hub-studio-stop", disabled: "" }), "stop");
    var review = el("div", { "class": "hub-studio-review", hidden: "" });
    var player = el("audio", { controls: "", "class": "hub-studio-player" });
    var speaker = el("input", { type: "text", "class": "hub-studio-speaker", autocomplete: "off" });
    var consent = el("input", { type: "checkbox", "class": "hub-studio-consent" });
    function canShare(files) {
      try { return !!(navigator.canShare && navigator.share && navigator.canShare({ files: files })); }
      catch (e) { return false; }
    }
    var probe = typeof File === "function" ? [new File(["x"], "capsule.txt", { type: "text/plain" })] : [];
    var sharing = probe.length > 0 && canShare(probe);
    var save = say(el("button", { type: "button", "class": "hub-studio-save" }), sharing ? "share" : "save");
    var retake = say(el("button", { type: "button", "class": "hub-studio-retake" }), "retake");
    var status = el("p", { "class": "hub-studio-status", role: "status" });
    var speakerLabel = say(el("label", { "class": "hub-studio-field" }), "speaker");
    speakerLabel.appendChild(speaker);
    var consentLabel = el("label", { "class": "hub-studio-check" });
    consentLabel.appendChild(consent);
    consentLabel.appendChild(say(el("span"), "consent"));
    review.appendChild(say(el("p"), "listen"));
    [player, speakerLabel, consentLabel, save, retake].forEach(function (n) { review.appendChild(n); });
    var controls = el("div", { "class": "hub-studio-controls" });
    [record, stop, time, meter].forEach(function (n) { controls.appendChild(n); });
    [pickLabel, chosen, where, prompter, controls, review, status].forEach(function (n) { ui.appendChild(n); });
    root.insertBefore(ui, root.firstChild);
    scripts.forEach(function (d) { d.hidden = true; });

    var current, recorder, chunks, blob, started, timer, stream, audioContext, analyser, samples, type;
    function choose() {
      current = scripts[Number(pick.value)];
      prompter.innerHTML = "";
      Array.prototype.forEach.call(current.children, function (child) {
        if (child.tagName !== "SUMMARY") prompter.appendChild(child.cloneNode(true));
      });
      prompter.setAttribute("lang", current.getAttribute("data-lang"));
      prompter.scrollTop = 0;
      chosen.textContent = current.querySelector("summary").textContent;
      chosen.setAttribute("lang", current.getAttribute("data-lang"));
      say(where, "target", t("target") + " " + clock(Number(current.getAttribute("data-seconds"))));
      time.textContent = "0:00 / " + clock(Number(current.getAttribute("data-seconds")));
    }
    pick.addEventListener("change", function () { choose(); reset(); });
    choose();

    function level() {
      if (!analyser) return;
      analyser.getFloatTimeDomainData(samples);
      var sum = 0;
      for (var i = 0; i < samples.length; i++) sum += samples[i] * samples[i];
      var db = 20 * Math.log10(Math.sqrt(sum / samples.length) + 1e-9);
      var pct = Math.max(0, Math.min(100, Math.round((db + 60) * 100 / 60)));
      bar.style.width = pct + "%";
      meter.setAttribute("aria-valuenow", String(pct));
      meter.className = "hub-studio-meter" + (pct > 95 ? " hub-loud" : "");
      var target = Number(current.getAttribute("data-seconds"));
      var elapsed = (Date.now() - started) / 1000;
      time.textContent = clock(elapsed) + " / " + clock(target);
      time.className = "hub-studio-time" + (elapsed > target ? " hub-over" : "");
      var room = prompter.scrollHeight - prompter.clientHeight;
      if (room > 0) prompter.scrollTop = Math.min(room, room * elapsed / target);
      if (elapsed >= MAX_SECONDS) { say(status, "too_long"); finish(); }
    }
    function reset() {
      blob = null;
      review.hidden = true;
      status.textContent = "";
      if (player.src) URL.revokeObjectURL(player.src);
      player.removeAttribute("src");
    }
    function finish() {
      if (recorder && recorder.state !== "inactive") recorder.stop();
      clearInterval(timer);
      stop.disabled = true;
      record.disabled = false;
      pick.disabled = false;
    }
    record.addEventListener("click", function () {
      reset();
      if (!navigator.mediaDevices || !window.MediaRecorder) { say(status, "no_mic"); return; }
      navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: false, noiseSuppression: true,
                                                     autoGainControl: true } }).then(function (s) {
        stream = s;
        var types = ["audio/webm;codecs=opus", "audio/ogg;codecs=opus", "audio/mp4", "audio/webm"];
        type = types.filter(function (x) { return MediaRecorder.isTypeSupported(x); })[0] || "";
        recorder = new MediaRecorder(stream, type ? { mimeType: type, audioBitsPerSecond: 48000 } : {});
        chunks = [];
        recorder.ondataavailable = function (e) { if (e.data && e.data.size) chunks.push(e.data); };
        recorder.onstop = function () {
          type = recorder.mimeType || type || "audio/webm";
          blob = new Blob(chunks, { type: type });
          player.src = URL.createObjectURL(blob);
          review.hidden = false;
          stream.getTracks().forEach(function (track) { track.stop(); });
          if (audioContext) audioContext.close();
          analyser = null;
          bar.style.width = "0";
        };
        var Context = window.AudioContext || window.webkitAudioContext;
        if (Context) {
          audioContext = new Context();
          analyser = audioContext.createAnalyser();
          analyser.fftSize = 1024;
          samples = new Float32Array(analyser.fftSize);
          audioContext.createMediaStreamSource(stream).connect(analyser);
        }
        recorder.start(1000);
        started = Date.now();
        timer = setInterval(level, 100);
        record.disabled = true;
        stop.disabled = false;
        pick.disabled = true;
      }, function () { say(status, "no_mic"); });
    });
    stop.addEventListener("click", finish);
    retake.addEventListener("click", function () { reset(); record.focus(); });
    function download(data, name) {
      var a = el("a", { href: URL.createObjectURL(data), download: name });
      document.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
    }
    function downloaded(file, sidecarName) {
      say(status, "downloaded", t("downloaded") + " " + root.getAttribute("data-to") + " (" +
        file + ", " + sidecarName + ").");
    }
    save.addEventListener("click", function () {
      if (!blob) return;
      if (!consent.checked) { say(status, "need_consent"); consent.focus(); return; }
      var name = current.getAttribute("data-name");
      var file = name + extension(type);
      var sidecar = { capsule: current.getAttribute("data-folder") + "/" + name + ".md",
                      file: file, language: current.getAttribute("data-lang"),
                      speaker: speaker.value.trim() || "anonymous", consent: true,
                      date: new Date().toISOString().slice(0, 10) };
      var text = JSON.stringify(sidecar, null, 2) + "\n";
      function fallback() {
        download(blob, file);
        download(new Blob([text], { type: "application/json" }), name + ".json");
        downloaded(file, name + ".json");
      }
      if (!sharing) { fallback(); return; }
      var files = [new File([blob], file, { type: blob.type || "audio/webm" }),
                   new File([text], name + ".txt", { type: "text/plain" })];
      if (!canShare(files)) { fallback(); return; }
      navigator.share({ files: files, title: file, text: root.getAttribute("data-to") || "" }).then(
        function () { say(status, "shared"); },
        function (error) { if (!error || error.name !== "AbortError") fallback(); });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
