/* widgets-offline.js: copied into the built book by scripts/vendor_assets.py
 * (to vendor/_static/vendor/widgets-offline.js; _config.yml's nb_ipywidgets_js loads it).
 *
 * Loaded between require.js and html-manager's embed-amd.js on pages with widgets.
 *
 * 1. html-manager computes the URL of its bundled Font Awesome webfonts from the
 *    require.js module URI of "@jupyter-widgets/html-manager[/dist/libembed-amd]",
 *    which by default is relative to the *page* (404s on every chapter). Map those
 *    module ids to this folder, where the fonts are.
 * 2. html-manager typesets widget labels with the MathJax 2 API
 *    (MathJax.Hub.Queue(["Typeset", MathJax.Hub, el])); the book loads MathJax 3.
 *    Give every object assigned to window.MathJax a non-enumerable `Hub` whose
 *    Queue forwards to MathJax 3's typesetPromise (chained on startup.promise).
 * 3. ipywidgets 8 does not tie a control's description <label> to the control: the
 *    slider handle (role=slider), the readout, a <select> have no accessible name
 *    (axe: aria-input-field-name, label). Point them at their label with aria-labelledby.
 */
(function () {
  "use strict";
  var here = document.currentScript && document.currentScript.src;
  var base = here ? new URL("./html-manager/", here).href : null;
  window.__jupyter_widgets_assets_path__ = base || window.__jupyter_widgets_assets_path__;
  if (base && window.requirejs && window.requirejs.config) {
    window.requirejs.config({
      paths: {
        "@jupyter-widgets/html-manager/dist": base.replace(/\/$/, ""),
        "@jupyter-widgets/html-manager": base + "html-manager"
      }
    });
  }

  function typeset(el) {
    var MJ = window.MathJax;
    if (!MJ || typeof MJ.typesetPromise !== "function" || !MJ.startup) {
      return; // MathJax 3 not started yet: its startup typesets the whole page anyway
    }
    MJ.startup.promise = (MJ.startup.promise || Promise.resolve())
      .then(function () { return MJ.typesetPromise(el ? [el] : undefined); })
      .catch(function (err) { console.warn("MathJax typeset of a widget failed:", err); });
  }
  var hub = {
    Queue: function () {
      for (var i = 0; i < arguments.length; i++) {
        var job = arguments[i];
        if (Array.isArray(job) && job[0] === "Typeset") { typeset(job[2]); }
        else if (typeof job === "function") { try { job(); } catch (e) { console.warn(e); } }
      }
    }
  };
  function attach(obj) {
    if (obj && typeof obj === "object" && !Object.prototype.hasOwnProperty.call(obj, "Hub")) {
      try {
        Object.defineProperty(obj, "Hub", { value: hub, writable: true, configurable: true, enumerable: false });
      } catch (e) { /* frozen object: leave it */ }
    }
    return obj;
  }
  var labelCount = 0;
  function labelControls() {
    var boxes = document.querySelectorAll(".widget-subarea .widget-inline-hbox");
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      var label = box.querySelector(":scope > label.widget-label");
      if (!label || !label.textContent.trim()) { continue; }
      if (!label.id) { label.id = "widget-label-" + (++labelCount); }
      var controls = box.querySelectorAll(
        ".noUi-handle, select, input, textarea, [contenteditable=true], .widget-toggle-buttons > div, [role=radiogroup]");
      for (var j = 0; j < controls.length; j++) {
        var el = controls[j];
        if (el.hasAttribute("aria-label") || el.hasAttribute("aria-labelledby") || (el.labels && el.labels.length)) { continue; }
        if (el.tagName === "DIV" && !el.hasAttribute("role") && !el.classList.contains("noUi-handle") && !el.isContentEditable) {
          el.setAttribute("role", "group"); // the ToggleButtons' row of buttons
        }
        el.setAttribute("aria-labelledby", label.id);
      }
    }
  }
  var pending = false;
  function schedule() {
    if (pending) { return; }
    pending = true;
    setTimeout(function () { pending = false; labelControls(); }, 0);
  }
  document.addEventListener("DOMContentLoaded", function () {
    schedule();
    new MutationObserver(schedule).observe(document.body, { childList: true, subtree: true });
  });

  var current = attach(window.MathJax);
  try {
    Object.defineProperty(window, "MathJax", {
      configurable: true,
      enumerable: true,
      get: function () { return current; },
      set: function (value) { current = attach(value); }
    });
  } catch (e) { /* already non-configurable: nothing to do */ }
})();
