/* The backprop book: self-check questions in the page, with no kernel.
 *
 * backprop.selfcheck writes each question as a <div class="self-check"> whose data attributes hold the
 * answer, the tolerance, the slips (a hidden list: value -> diagnosis) and every message. This script
 * judges what the reader types by the same rules as the package's NumberQuestion.judge (tested in
 * tests/browser/test_selfcheck.py against the package's verdicts): within the tolerance of the answer is
 * correct; within the tolerance of a slip, the closest slip's diagnosis; empty input, text that is not a
 * number, NaN and overflow get a message saying what to type, never "wrong".
 */
(function () {
  "use strict";
  var NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
  var INFINITY = ["inf", "+inf", "-inf", "infinity", "+infinity", "-infinity", "\u221e", "+\u221e", "-\u221e"];

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (m, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : m;
    });
  }

  // {value} or {problem}: the same parse as backprop.selfcheck.parse_number
  function parse(text) {
    var s = String(text).trim().replace(/\u2212/g, "-");
    if (!s) { return {problem: "empty"}; }
    if (INFINITY.indexOf(s.toLowerCase()) >= 0) { return {problem: "infinite"}; }
    if (!NUMBER.test(s)) {
      return {problem: NUMBER.test(s.replace(",", ".")) ? "comma" : "not_number"};
    }
    var value = Number(s);
    return isFinite(value) ? {value: value} : {problem: "infinite"};
  }

  function judgeNumber(box, text) {
    var messages = JSON.parse(box.getAttribute("data-messages"));
    var answer = Number(box.getAttribute("data-answer"));
    var tol = Number(box.getAttribute("data-tol"));
    var shown = String(text).trim();
    var values = {input: shown, answer: box.getAttribute("data-shown"), tol: box.getAttribute("data-tol-shown")};
    var parsed = parse(text);
    if (parsed.problem) { return {kind: "invalid", message: fill(messages[parsed.problem], values)}; }
    var x = parsed.value;
    if (Math.abs(x - answer) <= tol) { return {kind: "correct", message: fill(messages.correct, values)}; }
    var best = null;
    box.querySelectorAll(".self-check-slips > li").forEach(function (li) {
      var d = Math.abs(x - Number(li.getAttribute("data-value")));
      if (d <= tol && (best === null || d < best.d)) { best = {d: d, diagnosis: li.textContent}; }
    });
    if (best) {
      values.diagnosis = best.diagnosis;
      return {kind: "slip", message: fill(messages.slip, values)};
    }
    return {kind: "wrong", message: fill(messages.wrong, values)};
  }

  function judgeChoice(box) {
    var messages = JSON.parse(box.getAttribute("data-messages"));
    var picked = box.querySelector('input[type="radio"]:checked');
    if (!picked) { return {kind: "invalid", message: messages.choose}; }
    var why = {why: picked.getAttribute("data-why")};
    return picked.getAttribute("data-correct") === "true"
      ? {kind: "correct", message: fill(messages.right_option, why)}
      : {kind: "wrong", message: fill(messages.wrong_option, why)};
  }

  function show(box, verdict) {
    var feedback = box.querySelector(".self-check-feedback");
    box.setAttribute("data-verdict", verdict.kind);
    // emptied first so that the same message twice is announced twice by screen readers
    feedback.textContent = "";
    window.setTimeout(function () { feedback.textContent = verdict.message; }, 30);
  }

  function wire(box) {
    if (box.getAttribute("data-wired") === "true") { return; }
    box.setAttribute("data-wired", "true");
    var button = box.querySelector(".self-check-button");
    if (box.getAttribute("data-kind") === "number") {
      var input = box.querySelector(".self-check-input");
      var check = function () { show(box, judgeNumber(box, input.value)); };
      button.addEventListener("click", check);
      input.addEventListener("keydown", function (event) {
        if (event.key === "Enter") { event.preventDefault(); check(); }
      });
    } else {
      button.addEventListener("click", function () { show(box, judgeChoice(box)); });
      box.querySelectorAll('input[type="radio"]').forEach(function (radio) {
        radio.addEventListener("keydown", function (event) {
          if (event.key === "Enter") { event.preventDefault(); show(box, judgeChoice(box)); }
        });
      });
    }
  }

  function wireAll() { document.querySelectorAll("div.self-check").forEach(wire); }

  window.backpropSelfCheck = {parse: parse, judgeNumber: judgeNumber, judgeChoice: judgeChoice, wireAll: wireAll};
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", wireAll);
  } else {
    wireAll();
  }
})();
