// storyhub serve: live reload and the error overlay. Added to pages only
// by the preview server, never to a built site.
(() => {
  "use strict";
  const me = document.currentScript;
  const build = me ? me.dataset.build : "";
  const key = "storyhub-scroll:" + location.pathname;
  const saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    const y = Number(saved);
    window.scrollTo(0, y);
    window.addEventListener("load", () => window.scrollTo(0, y));
  }
  const reload = () => {
    sessionStorage.setItem(key, String(window.scrollY));
    location.reload();
  };
  const es = new EventSource("/__storyhub/events");
  es.addEventListener("reload", () => reload());
  es.addEventListener("ok", (e) => {
    hide();
    if (e.data && build && e.data !== build) reload(); // a build landed while this page loaded
  });
  es.addEventListener("css", (e) => {
    hide();
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const url = new URL(link.href);
      url.searchParams.set("storyhub", e.data);
      link.href = url.href;
    }
  });
  es.addEventListener("problems", (e) => show(JSON.parse(e.data)));

  let overlay = null;
  function hide() {
    if (overlay) { overlay.remove(); overlay = null; }
  }
  // Every value goes in with textContent: messages quote the writer's text.
  function el(tag, text, style) {
    const n = document.createElement(tag);
    if (text !== undefined) n.textContent = text;
    if (style) n.setAttribute("style", style);
    return n;
  }
  function show(problems) {
    hide();
    overlay = el("div", undefined,
      "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,24,.92);color:#f5f5f5;" +
      "font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;padding:2rem");
    overlay.id = "storyhub-overlay";
    overlay.setAttribute("role", "alert");
    // An entry standing for problems not shown says how many are errors.
    const n = problems.reduce((k, p) => k + (p.errors || (p.severity === "error" ? 1 : 0)), 0);
    overlay.append(el("h2", n === 1 ? "1 problem stops the build" : n + " problems stop the build",
      "font:600 1.3rem system-ui,sans-serif;margin:0 0 .5rem;color:#ff8a80"));
    overlay.append(el("p", "The last good version of the site is still served. Fix the file and this goes away by itself.",
      "font:1rem system-ui,sans-serif;margin:0 0 1.5rem;color:#ccc"));
    for (const p of problems) {
      const box = el("section", undefined, "margin:0 0 1.5rem;padding:1rem;background:#2a2a30;border-left:4px solid " +
        (p.severity === "error" ? "#ff5252" : "#ffb74d"));
      const where = p.file ? p.file + (p.line ? ":" + p.line + (p.col ? ":" + p.col : "") : "") : "";
      box.append(el("div", where, "color:#80d8ff"));
      box.append(el("div", p.severity + ": " + p.message, "margin:.25rem 0;white-space:pre-wrap"));
      if (p.hint) box.append(el("div", p.hint, "color:#b9f6ca;white-space:pre-wrap"));
      if (p.excerpt && p.excerpt.length) {
        const pre = el("pre", undefined, "margin:.75rem 0 0;padding:.5rem;background:#1b1b1f;overflow:auto");
        p.excerpt.forEach((text, i) => {
          const num = p.first + i;
          pre.append(el("div", String(num).padStart(5) + "  " + text,
            num === p.line ? "background:#5c1f1f;color:#fff" : "color:#bbb"));
        });
        box.append(pre);
      }
      overlay.append(box);
    }
    document.body.append(overlay);
  }
})();
