// The desk's editor, enhanced: a live preview of the film's page and autosave into the draft.
// Without this script every button still works (the form posts and the page is rendered again).
(function () {
  "use strict";
  var form = document.getElementById("editor-form");
  if (!form) return;
  var slug = form.getAttribute("data-slug");
  var csrf = form.getAttribute("data-csrf");
  var text = document.getElementById("markdown");
  var frame = document.getElementById("preview");
  var list = document.getElementById("warnings");
  var status = document.getElementById("autosave-status");
  var draftVersion = document.getElementById("draft_version");
  var baseRevision = document.getElementById("base_revision");
  var PREVIEW_DELAY = 400; // ms after the last keystroke
  var AUTOSAVE_EVERY = 5000; // ms
  var previewTimer = 0;
  var previewing = 0;
  var savedText = text.value;
  var saving = false;
  var stopped = false;

  function post(path, body) {
    return fetch(path, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify(body)
    });
  }

  function showWarnings(warnings) {
    list.textContent = "";
    if (!warnings.length) {
      var ok = document.createElement("li");
      ok.className = "ok";
      ok.textContent = "No warnings.";
      list.appendChild(ok);
      return;
    }
    warnings.forEach(function (w) {
      var item = document.createElement("li");
      item.className = w.error ? "error" : "warning";
      if (w.line) {
        var line = document.createElement("span");
        line.className = "line";
        line.textContent = "line " + w.line;
        item.appendChild(line);
        item.appendChild(document.createTextNode(" "));
      }
      item.appendChild(document.createTextNode(w.message));
      list.appendChild(item);
    });
  }

  function preview() {
    var ticket = ++previewing;
    post("/desk/preview/" + encodeURIComponent(slug), { markdown: text.value })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data || ticket !== previewing) return;
        showWarnings(data.warnings || []);
        if (data.html) {
          var y = frame.contentWindow ? frame.contentWindow.scrollY : 0;
          frame.addEventListener("load", function restore() {
            frame.removeEventListener("load", restore);
            if (frame.contentWindow) frame.contentWindow.scrollTo(0, y);
          });
          frame.srcdoc = data.html;
        }
      })
      .catch(function () {});
  }

  function number(input) {
    return input.value === "" ? null : parseInt(input.value, 10);
  }

  function autosave() {
    if (stopped || saving || text.value === savedText) return;
    saving = true;
    var sent = text.value;
    status.textContent = "Saving…";
    post("/desk/autosave/" + encodeURIComponent(slug), {
      markdown: sent,
      draft_version: number(draftVersion),
      base_revision: number(baseRevision)
    })
      .then(function (r) {
        return r.json().then(function (data) { return { status: r.status, data: data }; });
      })
      .then(function (answer) {
        if (answer.status === 200) {
          draftVersion.value = String(answer.data.draft_version);
          savedText = sent;
          status.textContent = "Draft saved " + new Date().toLocaleTimeString();
        } else if (answer.status === 409) {
          stopped = true; // someone else saved: "Save draft" shows the difference
          status.textContent = "Not saved: this guide changed since you opened it. Use “Save draft” to see how.";
        } else {
          status.textContent = "Not saved (" + answer.status + ").";
        }
      })
      .catch(function () { status.textContent = "Not saved: no connection."; })
      .then(function () { saving = false; });
  }

  text.addEventListener("input", function () {
    window.clearTimeout(previewTimer);
    previewTimer = window.setTimeout(preview, PREVIEW_DELAY);
  });
  form.addEventListener("submit", function () { stopped = true; });
  window.setInterval(autosave, AUTOSAVE_EVERY);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") autosave();
  });
})();
