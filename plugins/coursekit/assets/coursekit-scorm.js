/* coursekit-scorm: a lesson as a SCORM 1.2 SCO. Only the pages of a learning-platform
 * package have it (`coursekit export scorm`); the public site never does. Without an
 * LMS's API, or when the LMS does not start a session for this page (a page reached
 * by a link inside another lesson's frame), it does nothing: the page is the public one.
 *
 * It works through coursekit.js's hooks, never the quiz markup: restored answers go
 * in through coursekit.restore, checked results come out as "coursekit:quiz-checked". */
(function () {
  "use strict";

  var MAX_DEPTH = 7;           /* frames searched upwards, as in the ADL's FindAPI */
  var SUSPEND_LIMIT = 4096;    /* cmi.suspend_data's size in SCORM 1.2 */
  var FORMAT = 1;              /* of what this script writes into cmi.suspend_data */
  var own = function (object, key) { return Object.prototype.hasOwnProperty.call(object, key); };

  /* The standard search: this window's parents, then its opener's. A frame of
   * another origin cannot be read; the search stops there. */
  function apiIn(win) {
    for (var depth = 0; win && depth <= MAX_DEPTH; depth += 1) {
      try {
        if (win.API && typeof win.API.LMSInitialize === "function") { return win.API; }
        if (!win.parent || win.parent === win) { return null; }
        win = win.parent;
      } catch (error) { return null; }
    }
    return null;
  }

  var api = apiIn(window);
  try { api = api || (window.opener ? apiIn(window.opener) : null); } catch (error) { api = null; }
  if (!api || !window.coursekit || String(api.LMSInitialize("")) !== "true") { return; }

  var get = function (name) { var value = api.LMSGetValue(name); return value == null ? "" : String(value); };
  var set = function (name, value) { api.LMSSetValue(name, String(value)); };
  var forms = Array.prototype.slice.call(document.querySelectorAll("form.coursekit-quiz"));
  var started = Date.now(), finished = false;

  /* What the LMS kept: {"v":1,"q":{quizId:{questionId:[optionIds]}}}. Anything
   * else is ignored; the quiz weighs what it is handed, as any saved result. */
  var answers = {};
  try {
    var kept = JSON.parse(get("cmi.suspend_data") || "null");
    if (kept && kept.v === FORMAT && kept.q && typeof kept.q === "object") { answers = kept.q; }
  } catch (error) { answers = {}; }
  var checked = {};
  forms.forEach(function (form) {
    var id = form.getAttribute("data-quiz");
    /* In an LMS its record is the learner's, not what this browser holds. */
    window.coursekit.restore(form.getAttribute("data-storage-key"), own(answers, id) ? { answers: answers[id] } : null);
  });

  /* The quiz says where its result goes; the way on to the next lesson is the LMS's. */
  forms.forEach(function (form) {
    if (form.hasAttribute("data-text-saved-lms")) { form.setAttribute("data-text-saved", form.getAttribute("data-text-saved-lms")); }
    Array.prototype.forEach.call(form.querySelectorAll(".coursekit-quiz__next"), function (next) { next.hidden = true; });
  });
  /* Leaving this page ends the lesson's session, and a page reached from it is no
   * SCO: a link to another page opens beside the lesson, which stays open and tracked.
   * noopener: that page finds no LMS and is the public page. */
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[href]") : null;
    if (!link || link.target || link.hasAttribute("download")) { return; }
    var to = new URL(link.href, window.location.href), here = window.location;
    if (to.hash && to.origin === here.origin && to.pathname === here.pathname && to.search === here.search) { return; }
    link.target = "_blank";
    link.rel = (link.rel + " noopener").trim();
  });

  var status = get("cmi.core.lesson_status");
  if (!forms.length) {
    set("cmi.core.lesson_status", "completed");
  } else if (status === "" || status === "not attempted") {
    set("cmi.core.lesson_status", "incomplete");
  }
  api.LMSCommit("");

  /* Score and status once every quiz of the page is checked; the answers at every check. */
  document.addEventListener("coursekit:quiz-checked", function (event) {
    var result = event.detail;
    checked[result.quiz] = result;
    answers[result.quiz] = result.answers;
    var text = JSON.stringify({ v: FORMAT, q: answers });
    if (text.length <= SUSPEND_LIMIT) { set("cmi.suspend_data", text); }
    var score = 0, total = 0, passed = true;
    var all = forms.every(function (form) {
      var done = checked[form.getAttribute("data-quiz")];
      if (done) { score += done.score; total += done.total; passed = passed && done.passed; }
      return !!done;
    });
    if (all && total) {
      /* raw as a percentage: what LMSs grade on */
      set("cmi.core.score.min", 0);
      set("cmi.core.score.max", 100);
      set("cmi.core.score.raw", Math.round(100 * score / total));
      set("cmi.core.lesson_status", passed ? "passed" : "failed");
    }
    api.LMSCommit("");
  });

  function two(n) { return (n < 10 ? "0" : "") + n; }

  /* Once, whichever comes first: the page is left, closed or replaced. */
  function finish() {
    if (finished) { return; }
    finished = true;
    var seconds = Math.floor((Date.now() - started) / 1000);
    set("cmi.core.session_time", two(Math.min(9999, Math.floor(seconds / 3600))) + ":" + two(Math.floor(seconds / 60) % 60) + ":" + two(seconds % 60));
    set("cmi.core.exit", "suspend");  /* keep suspend_data: reopening shows the answers */
    api.LMSCommit("");
    api.LMSFinish("");
  }
  /* A phone may drop a hidden page without another event: what is set is saved first. */
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden" && !finished) { api.LMSCommit(""); }
  });
  window.addEventListener("pagehide", finish);
  window.addEventListener("unload", finish);
})();
