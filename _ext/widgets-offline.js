/* widgets-offline.js: copied into the built book by scripts/vendor_assets.py
 * (to vendor/_static/vendor/widgets-offline.js; _config.yml's nb_ipywidgets_js loads it).
 *
 * Loaded between require.js and html-manager's embed-amd.js on pages with widgets.
 *
 * 1. html-manager computes the URL of its bundled Font Awesome webfonts from the
 *    require.js module URI of "@jupyter-widgets/html-manager[/dist/libembed-amd]",
 *    which by default is relative to the *page* (404s on every chapter). Map those
 *    module ids to this folder, where the fonts are.
 * 2. html-manager (@jupyter-widgets/controls 5) typesets widget labels with the
 *    MathJax 2 API, MathJax.Hub.Queue(["Typeset", MathJax.Hub, el]); MathJax 3, which
 *    the book loads, has no Hub (upstream: jupyter-widgets/ipywidgets#3829, open:
 *    https://github.com/jupyter-widgets/ipywidgets/issues/3829). A `Hub` whose Queue
 *    forwards to MathJax 3's typesetPromise is given through MathJax 3's documented
 *    configuration: on the configuration object (window.MathJax, which Sphinx sets
 *    before this file runs) until MathJax loads, then on MathJax itself from its
 *    `startup.ready` hook (docs.mathjax.org, "Performing Actions During Startup").
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

  var config = window.MathJax = window.MathJax || {};
  if (!config.version) { // not loaded yet (the page loads MathJax deferred): configure it
    config.Hub = hub;
    config.startup = config.startup || {};
    var ready = config.startup.ready;
    config.startup.ready = function () {
      if (ready) { ready(); } else { window.MathJax.startup.defaultReady(); }
      window.MathJax.Hub = hub;
    };
  } else if (!config.Hub) {
    config.Hub = hub; // MathJax 3 already running
  }
})();
