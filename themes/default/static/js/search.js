// storyhub search: finds pages in the site's own search index
// (search/index.json, written at build time) as the reader types. No
// libraries and no requests to other hosts. Values from the index reach
// the page only through textContent and setAttribute on elements made
// here.
//
// The index (see internal/render/search.go): {"v":2, "kinds":[...],
// "communities":[...], "tags":[...], "stop":[...],
// "pages":[[url, title, summary, kind, community, [tag, ...], [person, ...]]],
// "terms":[...], "postings":[...]} where kind, community (-1 for none)
// and each tag are positions in the lists above, and postings[i] encodes
// the positions of the pages that have terms[i].
//
// A query is cut into words exactly as the index cut the pages (words,
// below); a page is found when each word is the start of one of its
// terms, or, for a word of four letters or more that starts no term at
// all, within one typo (a letter added, dropped, changed or two swapped)
// of a term or the start of one.
(function () {
  "use strict";

  var MAX_RESULTS = 50;
  var KIND_LABELS = { "story": "Story", "deck": "Deck", "talking-points": "Talking points", "guide": "Guide", "community": "Community", "person": "Person", "event": "Event" };
  // ANNOUNCE_MS is how long the reader pauses typing before the status
  // line, a polite live region, says what was found: once per query, not
  // on every keystroke.
  var ANNOUNCE_MS = 400;
  // MAX_TERM is where the index cuts long words (maxTermRunes).
  var MAX_TERM = 24;
  // TYPO_MIN is the shortest word that may carry a typo.
  var TYPO_MIN = 4;
  // FOLD spells the lowercase letters that have no decomposition as a
  // reader without them types them (foldLetter in the index's code).
  var FOLD = { "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i", "ς": "σ" };
  var POSTING_DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

  // tokens cuts text into words as the index does, before it drops
  // short and stop words: compatibility-decomposed, lowercased, accents
  // dropped, split at anything but letters, digits and marks, long words
  // cut.
  // ASCII text, most titles, takes a shorter way to the same words.
  function tokens(text) {
    var s = String(text), ws;
    if (/^[\x00-\x7f]*$/.test(s)) {
      ws = s.toLowerCase().match(/[a-z0-9]+/g);
    } else {
      s = s.normalize("NFKD").toLowerCase().replace(/\p{Mn}/gu, "")
        .replace(/[ßæœøłđðþıς]/g, function (c) { return FOLD[c]; });
      ws = s.match(/[\p{L}\p{N}\p{M}]+/gu);
    }
    return (ws || []).map(function (w) {
      return w.length > MAX_TERM ? Array.from(w).slice(0, MAX_TERM).join("") : w;
    });
  }

  // long reports whether a word is long enough to be a term.
  function long(w) {
    return Array.from(w).length >= 2;
  }

  // words are the distinct terms text makes, given the stop words (an
  // object with them as keys), in order.
  function words(text, stop) {
    var seen = {}, out = [];
    tokens(text).forEach(function (w) {
      if (long(w) && !stop[w] && !seen[w]) {
        seen[w] = true;
        out.push(w);
      }
    });
    return out;
  }

  // queryWords are the words to look for: as words, but the last, which
  // the reader may still be typing, is kept even when short or a stop
  // word ("p" already finds "python").
  function queryWords(query, stop) {
    var ts = tokens(query);
    var last = /[\p{L}\p{N}\p{M}]$/u.test(query) ? ts.pop() : undefined;
    var out = words(ts.join(" "), stop);
    if (last !== undefined && out.indexOf(last) < 0) {
      out.push(last);
    }
    return out;
  }

  // DIGIT_VALUES maps a character code to its value in POSTING_DIGITS.
  var DIGIT_VALUES = new Int8Array(128);
  for (var d = 0; d < POSTING_DIGITS.length; d++) {
    DIGIT_VALUES[POSTING_DIGITS.charCodeAt(d)] = d;
  }

  // decodePostings reads one posting list (appendPostings in the index's
  // code): gaps less one, in groups of five bits, lowest first, 32 added
  // to a group that more follow.
  function decodePostings(s) {
    var n = 0, i;
    for (i = 0; i < s.length; i++) {
      if (DIGIT_VALUES[s.charCodeAt(i) & 127] < 32) {
        n++;
      }
    }
    var out = new Int32Array(n), k = 0, prev = -1, gap = 0, shift = 0;
    for (i = 0; i < s.length; i++) {
      var v = DIGIT_VALUES[s.charCodeAt(i) & 127];
      gap += (v & 31) * Math.pow(2, shift);
      shift += 5;
      if (v < 32) {
        prev += gap + 1;
        out[k++] = prev;
        gap = 0;
        shift = 0;
      }
    }
    return out;
  }

  // prepare turns the index into entries ready to show, and the terms.
  function prepare(index) {
    var kinds = index.kinds || [], communities = index.communities || [], tags = index.tags || [];
    var stop = {};
    (index.stop || []).forEach(function (w) { stop[w] = true; });
    var entries = (index.pages || []).map(function (p) {
      var title = String(p[1] || "");
      return {
        url: String(p[0] || ""),
        title: title,
        summary: String(p[2] || ""),
        kind: kinds[p[3]] || "",
        community: p[4] >= 0 && kinds[p[3]] !== "community" ? communities[p[4]] || "" : "",
        people: p[6] || [],
        titleWords: null // made when first needed
      };
    });
    return { entries: entries, stop: stop, terms: index.terms || [], postings: index.postings || [], decoded: [] };
  }

  // withinOne reports whether a and b differ by at most one letter
  // added, dropped or changed, or two neighbours swapped.
  function withinOne(a, b) {
    var la = a.length, lb = b.length;
    if (la - lb > 1 || lb - la > 1) {
      return false;
    }
    var i = 0;
    while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) {
      i++;
    }
    if (la === lb) {
      return i >= la - 1 || a.slice(i + 1) === b.slice(i + 1) ||
        (a.charAt(i) === b.charAt(i + 1) && a.charAt(i + 1) === b.charAt(i) && a.slice(i + 2) === b.slice(i + 2));
    }
    return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  // near reports whether w is within one typo of t or of the start of t.
  function near(w, t) {
    if (withinOne(w, t)) {
      return true;
    }
    var n = w.length;
    return t.length > n + 1 && (withinOne(w, t.slice(0, n)) || withinOne(w, t.slice(0, n + 1)) || withinOne(w, t.slice(0, n - 1)));
  }

  // matchTerms returns the positions of the terms w finds: those it
  // starts, or else, for a long enough word, those within one typo; and
  // whether they are typo matches.
  function matchTerms(data, w) {
    var terms = data.terms, out = [];
    for (var i = 0; i < terms.length; i++) {
      if (terms[i].lastIndexOf(w, 0) === 0) {
        out.push(i);
      }
    }
    if (out.length > 0 || w.length < TYPO_MIN) {
      return { terms: out, typo: false };
    }
    for (var j = 0; j < terms.length; j++) {
      if (near(w, terms[j])) {
        out.push(j);
      }
    }
    return { terms: out, typo: out.length > 0 };
  }

  function postingsOf(data, i) {
    var p = data.decoded[i];
    if (!p) {
      p = data.decoded[i] = decodePostings(String(data.postings[i] || ""));
    }
    return p;
  }

  // inTitle reports whether w starts a word of the entry's title.
  function inTitle(data, e, w) {
    if (!e.titleWords) {
      e.titleWords = words(e.title, data.stop);
    }
    for (var i = 0; i < e.titleWords.length; i++) {
      if (e.titleWords[i].lastIndexOf(w, 0) === 0) {
        return true;
      }
    }
    return false;
  }

  // filter returns the entries that match every word of query, those with
  // more words in their title first, in index order (newest first)
  // otherwise; how many matched in all; and whether a typo was forgiven.
  function filter(data, query, limit) {
    var ws = queryWords(query, data.stop);
    if (ws.length === 0) {
      return { total: 0, results: [], typo: false };
    }
    var n = data.entries.length;
    var count = new Uint8Array(n); // how many words, in order, each page has
    var typo = false;
    for (var j = 0; j < ws.length; j++) {
      var m = matchTerms(data, ws[j]);
      typo = typo || m.typo;
      for (var k = 0; k < m.terms.length; k++) {
        var ps = postingsOf(data, m.terms[k]);
        for (var x = 0; x < ps.length; x++) {
          if (count[ps[x]] === j) {
            count[ps[x]] = j + 1;
          }
        }
      }
    }
    var byScore = []; // byScore[n]: matches with n words in the title
    var total = 0;
    for (var i = 0; i < n; i++) {
      if (count[i] !== ws.length) {
        continue;
      }
      total++;
      var e = data.entries[i], score = 0;
      for (var q = 0; q < ws.length; q++) {
        if (inTitle(data, e, ws[q])) {
          score++;
        }
      }
      (byScore[score] = byScore[score] || []).push(e);
    }
    var results = [];
    for (var s = ws.length; s >= 0 && results.length < limit; s--) {
      var list = byScore[s] || [];
      for (var r = 0; r < list.length && results.length < limit; r++) {
        results.push(list[r]);
      }
    }
    return { total: total, results: results, typo: typo };
  }

  // Exported for tests that run this file outside a browser.
  if (typeof module === "object" && module.exports) {
    module.exports = { tokens: tokens, words: words, queryWords: queryWords, decodePostings: decodePostings, withinOne: withinOne, prepare: prepare, filter: filter };
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

    var data = null;
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
            data = prepare(index);
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

    // show puts the results in the list at once; the status line says
    // what was found a moment later (see announce).
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
      announce(message(found, q));
    }

    function message(found, q) {
      var said = "“" + q.trim() + "”";
      if (!q.trim()) {
        return "";
      } else if (found.total === 0) {
        return "No results for " + said + ".";
      }
      var close = found.typo ? ", counting close spellings" : "";
      if (found.total > found.results.length) {
        return found.total + " results for " + said + close + "; the first " + found.results.length + " are shown. Add words to narrow them.";
      }
      return found.total + (found.total === 1 ? " result" : " results") + " for " + said + close + ".";
    }

    // announce sets the status line to text once the reader has paused
    // for ANNOUNCE_MS, unless it says so already: a screen reader then
    // reads it once per query.
    var announceTimer = 0;
    function announce(text) {
      clearTimeout(announceTimer);
      announceTimer = setTimeout(function () {
        if (status.textContent !== text) {
          status.textContent = text;
        }
      }, ANNOUNCE_MS);
    }

    var pending = 0;
    function update() {
      var q = input.value;
      keepInURL(q);
      if (!q.trim()) {
        show({ total: 0, results: [], typo: false }, q);
        return;
      }
      if (data) {
        show(filter(data, q, MAX_RESULTS), q);
        return;
      }
      var ticket = ++pending;
      announce("Loading the search index…");
      load().then(function () {
        if (ticket !== pending) {
          return; // a later keystroke is waiting too
        }
        if (failed) {
          announce("The search index could not be loaded. Browse the tags or the sections instead.");
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
