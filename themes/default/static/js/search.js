// storyhub search: filters the site's own search index (search/index.json,
// written at build time) as the reader types. No libraries and no requests
// to other hosts. Values from the index reach the page only through
// textContent and setAttribute on elements made here.
//
// The index: {"v":1, "kinds":[...], "communities":[...], "tags":[...],
// "pages":[[url, title, summary, kind, community, [tag, ...], [person, ...]]]}
// where kind, community (-1 for none) and each tag are positions in the
// lists above.
(function () {
  "use strict";

  var MAX_RESULTS = 50;
  var KIND_LABELS = { "story": "Story", "deck": "Deck", "talking-points": "Talking points", "guide": "Guide" };

  // fold lowercases and drops accents, so "jose" finds "José".
  function fold(s) {
    s = s.toLowerCase();
    return s.normalize ? s.normalize("NFD").replace(/[\u0300-\u036f]/g, "") : s;
  }

  // prepare turns the index into entries ready to match.
  function prepare(index) {
    var kinds = index.kinds || [], communities = index.communities || [], tags = index.tags || [];
    return (index.pages || []).map(function (p) {
      var tagNames = (p[5] || []).map(function (t) { return tags[t] || ""; });
      var community = p[4] >= 0 ? communities[p[4]] || "" : "";
      var people = p[6] || [];
      var title = String(p[1] || "");
      return {
        url: String(p[0] || ""),
        title: title,
        summary: String(p[2] || ""),
        kind: kinds[p[3]] || "",
        community: community,
        people: people,
        titleKey: fold(title),
        text: fold([title, p[2] || "", tagNames.join("\n"), people.join("\n"), community].join("\n"))
      };
    });
  }

  // words splits a query into its distinct folded words.
  function words(query) {
    var seen = {}, out = [];
    fold(query).split(/\s+/).forEach(function (w) {
      if (w && !seen[w]) {
        seen[w] = true;
        out.push(w);
      }
    });
    return out;
  }

  // filter returns the entries that match every word of query, those with
  // more words in their title first, in index order (newest first)
  // otherwise; and how many matched in all.
  function filter(entries, query, limit) {
    var ws = words(query);
    if (ws.length === 0) {
      return { total: 0, results: [] };
    }
    var byScore = []; // byScore[n]: matches with n words in the title
    var total = 0;
    for (var i = 0; i < entries.length; i++) {
      var e = entries[i], ok = true, score = 0;
      for (var j = 0; j < ws.length; j++) {
        if (e.text.indexOf(ws[j]) < 0) {
          ok = false;
          break;
        }
        if (e.titleKey.indexOf(ws[j]) >= 0) {
          score++;
        }
      }
      if (ok) {
        total++;
        (byScore[score] = byScore[score] || []).push(e);
      }
    }
    var results = [];
    for (var s = ws.length; s >= 0 && results.length < limit; s--) {
      var list = byScore[s] || [];
      for (var k = 0; k < list.length && results.length < limit; k++) {
        results.push(list[k]);
      }
    }
    return { total: total, results: results };
  }

  // Exported for tests that run this file outside a browser.
  if (typeof module === "object" && module.exports) {
    module.exports = { fold: fold, prepare: prepare, words: words, filter: filter };
  }
  if (typeof document === "undefined") {
    return;
  }

  function el(tag, className, text) {
    var n = document.createElement(tag);
    if (className) {
      n.setAttribute("class", className);
    }
    if (text) {
      n.textContent = text;
    }
    return n;
  }

  function start() {
    var form = document.querySelector("form.search-form");
    var input = document.getElementById("search-q");
    var list = document.getElementById("search-results");
    var status = document.getElementById("search-status");
    if (!form || !input || !list || !status) {
      return;
    }
    var nojs = document.getElementById("search-nojs");
    if (nojs) {
      nojs.hidden = true;
    }

    var entries = null;
    var failed = false;
    var loading = null;

    function load() {
      if (!loading) {
        loading = fetch(form.getAttribute("data-index"), { credentials: "same-origin" })
          .then(function (res) {
            if (!res.ok) {
              throw new Error("HTTP " + res.status);
            }
            return res.json();
          })
          .then(function (index) {
            entries = prepare(index);
          })
          .catch(function () {
            failed = true;
          });
      }
      return loading;
    }

    // keepInURL puts the query in the address as ?q=, a moment after the
    // last keystroke: browsers limit how often replaceState may be called.
    var urlTimer = 0;
    function keepInURL(q) {
      if (!window.history || !history.replaceState) {
        return;
      }
      clearTimeout(urlTimer);
      urlTimer = setTimeout(function () {
        var url = new URL(window.location.href);
        if (q) {
          url.searchParams.set("q", q);
        } else {
          url.searchParams.delete("q");
        }
        try {
          history.replaceState(history.state, "", url.pathname + url.search + url.hash);
        } catch (e) {
          // Too many calls: the address keeps the previous query.
        }
      }, 250);
    }

    function show(found, q) {
      while (list.firstChild) {
        list.removeChild(list.firstChild);
      }
      found.results.forEach(function (e) {
        var li = el("li", "search-result");
        var a = el("a", null, e.title);
        a.setAttribute("href", e.url);
        var h = el("h2");
        h.appendChild(a);
        li.appendChild(h);
        var meta = [KIND_LABELS[e.kind] || e.kind];
        if (e.community) {
          meta.push(e.community);
        }
        if (e.people.length) {
          meta.push(e.people.join(", "));
        }
        li.appendChild(el("p", "meta", meta.join(" · ")));
        if (e.summary) {
          li.appendChild(el("p", null, e.summary));
        }
        list.appendChild(li);
      });
      if (!q.trim()) {
        status.textContent = "";
      } else if (found.total === 0) {
        status.textContent = "No results for “" + q.trim() + "”.";
      } else if (found.total > found.results.length) {
        status.textContent = found.total + " results for “" + q.trim() + "”; the first " + found.results.length + " are shown. Add words to narrow them.";
      } else {
        status.textContent = found.total + (found.total === 1 ? " result" : " results") + " for “" + q.trim() + "”.";
      }
    }

    var pending = 0;
    function update() {
      var q = input.value;
      keepInURL(q);
      if (!q.trim()) {
        show({ total: 0, results: [] }, q);
        return;
      }
      if (entries) {
        show(filter(entries, q, MAX_RESULTS), q);
        return;
      }
      var ticket = ++pending;
      status.textContent = "Loading the search index…";
      load().then(function () {
        if (ticket !== pending) {
          return; // a later keystroke is waiting too
        }
        if (failed) {
          status.textContent = "The search index could not be loaded. Browse the tags or the sections instead.";
          if (nojs) {
            nojs.hidden = false;
          }
          return;
        }
        update();
      });
    }

    function links() {
      return Array.prototype.slice.call(list.querySelectorAll("a"));
    }

    input.addEventListener("input", update);
    form.addEventListener("submit", function (ev) {
      ev.preventDefault(); // results are already shown
      var first = links()[0];
      if (first) {
        first.focus();
      }
    });
    form.parentNode.addEventListener("keydown", function (ev) {
      if (ev.altKey || ev.ctrlKey || ev.metaKey) {
        return;
      }
      var all = links();
      var at = all.indexOf(document.activeElement);
      var inInput = document.activeElement === input;
      if (!inInput && at < 0) {
        return;
      }
      switch (ev.key) {
        case "ArrowDown":
          if (all.length) {
            all[Math.min(at + 1, all.length - 1)].focus();
            ev.preventDefault();
          }
          break;
        case "ArrowUp":
          if (at > 0) {
            all[at - 1].focus();
            ev.preventDefault();
          } else if (at === 0) {
            input.focus();
            ev.preventDefault();
          }
          break;
        case "Escape":
          if (input.value) {
            input.value = "";
            update();
          }
          input.focus();
          ev.preventDefault();
          break;
      }
    });

    var q = new URLSearchParams(window.location.search).get("q");
    if (q) {
      input.value = q;
    }
    load();
    if (input.value) {
      update();
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
