/* filmguide static export: search the compact index (search-index.json) in the browser.

   The export's search page links the index as its JSON twin; this script reads ?q=, fetches the
   index, and lists the films and people whose title or name holds every word of the query (accents
   and case ignored, a word may be the start of a longer one). No markup is built from strings:
   every title and name goes in as text. Without script the page says how to search. */
(function () {
  "use strict";

  var LIMIT = 50;
  var twin = document.querySelector('link[rel="alternate"][type="application/json"]');
  var main = document.querySelector(".search-page");
  if (!twin || !main) return;
  var indexUrl = twin.href;
  var query = (new URLSearchParams(window.location.search).get("q") || "").trim().slice(0, 200);
  var box = document.getElementById("q");
  if (box) box.value = query;
  if (!query) return;

  var fold = function (text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  };
  var wordsOf = function (text) {
    return fold(text).split(/[^a-z0-9]+/).filter(Boolean);
  };

  /* 0: the whole title or name, 1: it starts with the query, 2: every word found; null: no match. */
  var tier = function (label, wanted, phrase) {
    var folded = wordsOf(label);
    var joined = folded.join(" ");
    if (joined === phrase) return 0;
    var all = wanted.every(function (w) {
      return folded.some(function (f) { return f.indexOf(w) === 0; });
    });
    if (!all) return null;
    return joined.indexOf(phrase) === 0 ? 1 : 2;
  };

  var search = function (index) {
    var wanted = wordsOf(query);
    var phrase = wanted.join(" ");
    var hits = [];
    if (!wanted.length) return hits;
    (index.films || []).forEach(function (f) {
      var t = tier(f[1], wanted, phrase);
      /* A guide ranks above a catalog film of the same tier. */
      if (t !== null) hits.push({ rank: t * 2 + (f[3] ? 0 : 1), kind: "film", slug: f[0], label: f[1], year: f[2] });
    });
    (index.people || []).forEach(function (p) {
      var t = tier(p[1], wanted, phrase);
      if (t !== null) hits.push({ rank: t * 2 + 1, kind: "person", slug: p[0], label: p[1], year: null });
    });
    hits.sort(function (a, b) {
      return a.rank - b.rank || a.label.localeCompare(b.label) || (a.slug < b.slug ? -1 : 1);
    });
    return hits.slice(0, LIMIT);
  };

  var element = function (name, className, text) {
    var node = document.createElement(name);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };

  var show = function (hits) {
    var head = main.querySelector(".page-head");
    var title = head.querySelector("h1");
    title.textContent = "Search: ";
    title.appendChild(element("q", "", query));
    var status = head.querySelector(".lede") || head.appendChild(element("p", "lede"));
    status.setAttribute("role", "status");
    status.textContent = hits.length + (hits.length === 1 ? " result" : " results");
    Array.prototype.forEach.call(main.querySelectorAll(".empty, .results"), function (node) {
      node.remove();
    });
    if (!hits.length) {
      main.appendChild(element("p", "empty", "Nothing matches \u201c" + query +
        "\u201d. Check the spelling, or search for a film title or a person."));
      return;
    }
    var list = element("ol", "results");
    hits.forEach(function (hit) {
      var item = element("li", "hit hit-" + hit.kind);
      item.appendChild(element("p", "hit-kind", hit.kind === "person" ? "Person" : "Film"));
      var h2 = element("h2", "hit-title");
      var link = element("a", "", hit.label);
      link.href = new URL((hit.kind === "person" ? "people/" : "films/") + hit.slug + "/", indexUrl).href;
      h2.appendChild(link);
      if (hit.year) {
        h2.appendChild(document.createTextNode(" "));
        h2.appendChild(element("span", "year", "(" + hit.year + ")"));
      }
      item.appendChild(h2);
      list.appendChild(item);
    });
    main.appendChild(list);
  };

  window.fetch(indexUrl)
    .then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    })
    .then(function (index) { show(search(index)); })
    .catch(function () {
      main.appendChild(element("p", "error", "The search index could not be loaded. Browse the films instead."));
    });
})();
