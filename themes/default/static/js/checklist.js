// Ticked checklist items survive a reload: each guide's checklist
// (section.checklist[data-key]) keeps the ticked boxes in local storage.
// Without JavaScript, or without storage, the checklist works as plain
// checkboxes.
(function () {
  "use strict";
  var prefix = "storyhub-checklist:";
  function load(key) {
    try {
      var v = JSON.parse(window.localStorage.getItem(prefix + key) || "[]");
      return Array.isArray(v) ? v : [];
    } catch (e) {
      return [];
    }
  }
  function save(key, ids) {
    try {
      if (ids.length) {
        window.localStorage.setItem(prefix + key, JSON.stringify(ids));
      } else {
        window.localStorage.removeItem(prefix + key);
      }
    } catch (e) {
      // Storage full or refused: the boxes still tick.
    }
  }
  function setup(section) {
    var key = section.getAttribute("data-key");
    var boxes = section.querySelectorAll("input[type=checkbox]");
    var ticked = load(key);
    boxes.forEach(function (box) {
      if (ticked.indexOf(box.id) >= 0) {
        box.checked = true;
      }
      box.addEventListener("change", function () {
        var ids = [];
        boxes.forEach(function (b) {
          if (b.checked) {
            ids.push(b.id);
          }
        });
        save(key, ids);
      });
    });
  }
  function start() {
    document.querySelectorAll("section.checklist[data-key]").forEach(setup);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
