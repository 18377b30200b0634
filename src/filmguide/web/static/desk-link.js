// "Write a guide" on a film's page, for a signed-in writer only. The page's HTML is the same for
// everyone (it is cached); this script asks the desk whether the reader may write, and only when
// the desk's hint cookie says a session may exist, so readers cost no extra request.
(function () {
  "use strict";
  if (document.cookie.split("; ").indexOf("filmguide_desk=1") < 0) return;
  var match = /^\/films\/([a-z0-9-]+)\/?$/.exec(window.location.pathname);
  if (!match) return;
  var slug = match[1];
  fetch("/desk/whoami", { credentials: "same-origin" })
    .then(function (r) { return r.ok ? r.json() : null; })
    .then(function (who) {
      if (!who || !who.signed_in) return;
      var head = document.querySelector(".film-head") || document.querySelector("main h1");
      if (!head) return;
      var line = document.createElement("p");
      line.className = "desk-write";
      var link = document.createElement("a");
      link.href = "/desk/edit/" + slug;
      link.id = "write-guide";
      link.textContent = document.body.classList.contains("kind-film") ? "Edit this guide" : "Write a guide";
      line.appendChild(link);
      head.appendChild(line);
    })
    .catch(function () {});
})();
