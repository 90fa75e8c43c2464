/* The backprop book: mark boxes that scroll sideways, for the fade cue in book.css.
 *
 * A display formula, code block or output wider than its box scrolls inside the box. On a phone
 * the scroll bar is hidden until touched, so book.css fades the clipped edge(s) of every element
 * this script marks with data-bp-overflow = "right" | "left" | "both" (updated on scroll, on
 * resize, and once MathJax has typeset the page).
 */
(function () {
  "use strict";
  var SELECTOR = [
    'div.math > mjx-container[display="true"]',
    '.cell_output .output.math mjx-container[display="true"]',
    "span.math",
    "div.highlight > pre",
    ".cell_output > .output.text_html",
    ".cell_output > .output.text_markdown",
    ".pst-scrollable-table-container",
    ".bp-scroll"
  ].join(", ");

  function contentWidth(el) {
    // a formula's width is its <mjx-math>'s: the container's scrollWidth also counts MathJax's
    // (clipped, absolutely positioned) assistive MathML
    if (el.tagName === "MJX-CONTAINER") {
      var math = el.querySelector(":scope > mjx-math");
      if (math) { return math.getBoundingClientRect().width; }
    }
    return el.scrollWidth;
  }

  function mark(el) {
    var max = contentWidth(el) - el.clientWidth;
    var state = "";
    if (max > 1) {
      var left = el.scrollLeft > 1;
      var right = el.scrollLeft < max - 1;
      state = left && right ? "both" : left ? "left" : right ? "right" : "";
    }
    if (state) {
      if (el.getAttribute("data-bp-overflow") !== state) { el.setAttribute("data-bp-overflow", state); }
    } else if (el.hasAttribute("data-bp-overflow")) {
      el.removeAttribute("data-bp-overflow");
    }
  }

  var watched = new WeakSet();
  var resizer = typeof ResizeObserver === "function"
    ? new ResizeObserver(function (entries) { entries.forEach(function (e) { mark(e.target); }); })
    : null;

  function scan() {
    var els = document.querySelectorAll(SELECTOR);
    for (var i = 0; i < els.length; i++) {
      var el = els[i];
      if (!watched.has(el)) {
        watched.add(el);
        el.addEventListener("scroll", function (ev) { mark(ev.currentTarget); }, { passive: true });
        if (resizer) { resizer.observe(el); }
      }
      mark(el);
    }
  }

  function start() {
    scan();
    window.addEventListener("resize", scan, { passive: true });
    // MathJax 3 replaces the TeX by <mjx-container>s asynchronously: scan again when it is done
    var tries = 0;
    (function waitMathJax() {
      var MJ = window.MathJax;
      if (MJ && MJ.startup && MJ.startup.promise) {
        MJ.startup.promise.then(function () { setTimeout(scan, 0); });
      } else if (tries++ < 100) {
        setTimeout(waitMathJax, 100);
      }
    })();
    // late content (widgets rendered by html-manager, opened dropdowns)
    if (typeof MutationObserver === "function") {
      var pending = false;
      new MutationObserver(function () {
        if (pending) { return; }
        pending = true;
        setTimeout(function () { pending = false; scan(); }, 200);
      }).observe(document.querySelector("main") || document.body, { childList: true, subtree: true });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
