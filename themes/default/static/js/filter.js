// storyhub list filters: on a list page whose filter links carry
// data-filter keys (level/beginner) and whose cards list theirs in
// data-filters, adds one choice per facet that hides the cards of this
// page not matching every choice. Without this script the links lead to
// each value's own list; with it they stay, for the whole list. A status
// line says how many cards are shown, once per change, politely.
(function () {
  "use strict";

  function init() {
    var nav = document.querySelector("nav[data-filters]");
    var cards = Array.prototype.slice.call(document.querySelectorAll(".cards > .card"));
    if (!nav || cards.length === 0) {
      return;
    }
    var noun = nav.getAttribute("data-filters") || "entries";
    var keys = cards.map(function (c) { return (c.getAttribute("data-filters") || "").split(" "); });
    var form = document.createElement("form");
    form.className = "filter-form";
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    var selects = [];
    var terms = nav.querySelectorAll("dt");
    for (var i = 0; i < terms.length; i++) {
      var dd = terms[i].nextElementSibling;
      if (!dd || dd.querySelector("[aria-current]")) {
        continue; // this page is the list of one of its values
      }
      var links = dd.querySelectorAll("a[data-filter]");
      var label = document.createElement("label");
      var select = document.createElement("select");
      select.id = "filter-" + i;
      label.htmlFor = select.id;
      label.textContent = terms[i].textContent;
      var any = document.createElement("option");
      any.value = "";
      any.textContent = "Any";
      select.appendChild(any);
      for (var j = 0; j < links.length; j++) {
        var opt = document.createElement("option");
        opt.value = links[j].getAttribute("data-filter");
        opt.textContent = links[j].textContent;
        select.appendChild(opt);
      }
      var field = document.createElement("span");
      field.className = "filter-field";
      field.appendChild(label);
      field.appendChild(select);
      form.appendChild(field);
      selects.push(select);
    }
    if (selects.length === 0) {
      return;
    }
    var status = document.createElement("p");
    status.className = "meta";
    status.setAttribute("role", "status");
    form.appendChild(status);
    var heading = nav.querySelector("h2");
    nav.insertBefore(form, heading ? heading.nextSibling : nav.firstChild);

    function apply() {
      var want = selects.map(function (s) { return s.value; }).filter(Boolean);
      var shown = 0;
      cards.forEach(function (card, n) {
        var match = want.every(function (k) { return keys[n].indexOf(k) >= 0; });
        card.hidden = !match;
        if (match) {
          shown++;
        }
      });
      status.textContent = want.length === 0
        ? "Showing all " + cards.length + " " + noun + " on this page."
        : "Showing " + shown + " of " + cards.length + " " + noun + " on this page.";
    }
    selects.forEach(function (s) { s.addEventListener("change", apply); });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
