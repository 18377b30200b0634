/* filmguide: a few enhancements. Every page works without this script. */
(function () {
  "use strict";

  var store = {
    get: function (key) { try { return window.localStorage.getItem(key); } catch (e) { return null; } },
    set: function (key, value) { try { window.localStorage.setItem(key, value); } catch (e) { /* private mode */ } }
  };

  /* Table of contents: remember whether the reader left it open or closed. */
  var toc = document.getElementById("toc");
  if (toc) {
    var saved = store.get("filmguide.toc");
    if (saved === "closed") toc.open = false;
    else if (saved === "open") toc.open = true;
    toc.addEventListener("toggle", function () {
      store.set("filmguide.toc", toc.open ? "open" : "closed");
    });
  }

  /* Spoiler-free switch: hides every spoiler gate and its contents entry, remembered per browser. */
  var button = document.getElementById("spoiler-free");
  if (button) {
    var state = document.getElementById("spoiler-free-state");
    var apply = function (on) {
      document.documentElement.classList.toggle("spoiler-free", on);
      button.setAttribute("aria-pressed", on ? "true" : "false");
      if (state) {
        var count = document.querySelectorAll(".spoiler").length;
        state.textContent = on ? count + (count === 1 ? " spoiler hidden" : " spoilers hidden") : "";
      }
    };
    apply(store.get("filmguide.spoilerFree") === "1");
    button.hidden = false;
    button.addEventListener("click", function () {
      var on = button.getAttribute("aria-pressed") !== "true";
      store.set("filmguide.spoilerFree", on ? "1" : "0");
      apply(on);
    });
  }

  /* The view beacon: a film page counts its view once it is shown (a prerendered page when the
     reader opens it), by navigator.sendBeacon; the page's GET counts nothing, so any cache may
     keep the page. The server counts a reader once a day, whatever is sent. */
  var viewed = document.querySelector("[data-view-beacon]");
  if (viewed) {
    var beacon = viewed.getAttribute("data-view-beacon");
    var sendView = function () {
      var sent = false;
      try { sent = typeof navigator.sendBeacon === "function" && navigator.sendBeacon(beacon); } catch (e) { sent = false; }
      if (!sent && window.fetch) {
        window.fetch(beacon, { method: "POST", mode: "no-cors", keepalive: true }).catch(function () { /* best effort */ });
      }
    };
    if (document.prerendering) document.addEventListener("prerenderingchange", sendView, { once: true });
    else sendView();
  }

  /* Share buttons: copy the link, or the Web Share API; both record the share. */
  var share = document.querySelector(".share[data-slug]");
  if (share) {
    var slug = share.getAttribute("data-slug");
    var status = document.querySelector(".share-status");
    var canonical = document.querySelector('link[rel="canonical"]');
    var url = canonical ? canonical.href : window.location.href.split("#")[0];
    var say = function (text) {
      if (!status) return;
      status.textContent = "";
      window.setTimeout(function () { status.textContent = text; }, 30);
    };
    /* A static export (filmguide export) names the server that records shares (its --api-base) in
       data-share-api, empty when there is none; the site itself has no such attribute. */
    var api = share.getAttribute("data-share-api");
    var record = function (channel) {
      if (api === "") return Promise.resolve();
      var path = "/films/" + encodeURIComponent(slug) + "/share";
      /* Cross-origin, a form-encoded no-cors post: a simple request, no preflight needed. */
      var request = api
        ? { method: "POST", mode: "no-cors", body: new URLSearchParams({ channel: channel }), keepalive: true }
        : {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ channel: channel }),
            keepalive: true
          };
      return window.fetch((api || "") + path, request)
        .catch(function () { /* the share itself succeeded; counting it is best effort */ });
    };
    /* The export's plain share links: this page's address, as the browser resolved it. */
    Array.prototype.forEach.call(share.querySelectorAll("a[data-share-link]"), function (link) {
      link.href = link.getAttribute("data-share-link").replace("{url}", encodeURIComponent(url));
    });
    /* Older browsers and denied permissions: copy through a selected, off-screen field. */
    var fallbackCopy = function () {
      return new Promise(function (resolve, reject) {
        var field = document.createElement("textarea");
        field.value = url;
        field.setAttribute("readonly", "");
        field.className = "visually-hidden";
        document.body.appendChild(field);
        field.select();
        var ok = false;
        try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
        document.body.removeChild(field);
        if (ok) resolve(); else reject(new Error("copy refused"));
      });
    };
    var native = share.querySelector('[data-share="native"]');
    if (native && typeof navigator.share === "function") native.hidden = false;

    share.addEventListener("click", function (event) {
      var target = event.target.closest("button[data-share]");
      if (!target) return;
      var channel = target.getAttribute("data-share");
      if (channel === "copy") {
        var copied = navigator.clipboard && window.isSecureContext
          ? navigator.clipboard.writeText(url).catch(fallbackCopy)
          : fallbackCopy();
        copied.then(function () {
          say("Link copied");
          record("copy");
        }, function () {
          say("Could not copy. The link is " + url);
        });
      } else if (channel === "native") {
        navigator.share({ title: share.getAttribute("data-title") || document.title, url: url }).then(function () {
          say("Shared");
          record("native");
        }, function () { /* cancelled */ });
      }
    });
  }
})();
