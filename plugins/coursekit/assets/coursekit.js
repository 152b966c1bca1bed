/* coursekit: checking, scoring and saved progress for quizzes; print buttons.
 * The page works without this file: answers are in <details>. Initialised
 * through Material's document$ (instant navigation), once per element. */
(function () {
  "use strict";

  var READY = "coursekitReady";

  /* localStorage may be blocked (privacy settings) or hold anything. */
  var store = {
    /* A saved attempt is {answers: {questionId: [optionId, ...]}, score, total};
     * anything else is ignored as if nothing were saved. */
    get: function (key) {
      try {
        var value = JSON.parse(window.localStorage.getItem(key));
        var answers = value && typeof value === "object" ? value.answers : null;
        if (!answers || typeof answers !== "object" || Array.isArray(answers)) { return null; }
        var valid = Object.keys(answers).every(function (id) {
          return Array.isArray(answers[id]) && answers[id].every(function (option) { return typeof option === "string"; });
        });
        return valid ? value : null;
      } catch (error) { return null; }
    },
    set: function (key, value) {
      try { window.localStorage.setItem(key, JSON.stringify(value)); return true; } catch (error) { return false; }
    }
  };

  function format(text, values) {
    return text.replace(/\{(\w+)\}/g, function (all, name) { return name in values ? values[name] : all; });
  }

  function questionsOf(form) {
    return Array.prototype.slice.call(form.querySelectorAll(".coursekit-quiz__question"));
  }

  function inputsOf(question) {
    return Array.prototype.slice.call(question.querySelectorAll("input"));
  }

  function solutionOf(question, optionId) {
    return question.querySelector('.coursekit-quiz__solution li[data-option="' + CSS.escape(optionId) + '"]');
  }

  /* The box under an option that shows its feedback, made on first use. */
  function feedbackBox(input) {
    var box = input.parentNode.querySelector(".coursekit-quiz__feedback");
    if (!box) {
      box = document.createElement("div");
      box.className = "coursekit-quiz__feedback";
      box.hidden = true;
      input.parentNode.appendChild(box);
    }
    return box;
  }

  /* Right, wrong, partly right (multiple choice) or unanswered. */
  function verdict(question, chosen) {
    if (!chosen.length) { return "unanswered"; }
    var correct = inputsOf(question).filter(function (input) {
      return solutionOf(question, input.value).getAttribute("data-correct") === "true";
    }).map(function (input) { return input.value; });
    var hits = chosen.filter(function (id) { return correct.indexOf(id) >= 0; }).length;
    if (hits === correct.length && chosen.length === correct.length) { return "right"; }
    return hits > 0 && question.getAttribute("data-type") === "multiple" ? "partly" : "wrong";
  }

  function showQuestion(form, question, chosen) {
    var result = verdict(question, chosen);
    inputsOf(question).forEach(function (input) {
      var picked = chosen.indexOf(input.value) >= 0;
      var box = feedbackBox(input);
      input.checked = picked;
      input.disabled = true;
      box.hidden = !picked;
      box.textContent = "";
      if (picked) {
        var solution = solutionOf(question, input.value);
        var mark = document.createElement("strong");
        mark.textContent = solution.querySelector(".coursekit-quiz__mark").textContent + " ";
        box.appendChild(mark);
        box.appendChild(solution.querySelector(".coursekit-quiz__why").cloneNode(true));
        box.setAttribute("data-correct", solution.getAttribute("data-correct"));
      }
    });
    var line = question.querySelector(".coursekit-quiz__verdict");
    line.hidden = false;
    line.setAttribute("data-verdict", result);
    line.textContent = form.getAttribute("data-text-" + result);
    var solution = question.querySelector(".coursekit-quiz__solution");
    solution.hidden = false;
    solution.open = false;
    return result === "right";
  }

  function clearQuestion(question) {
    inputsOf(question).forEach(function (input) {
      var box = feedbackBox(input);
      input.checked = false;
      input.disabled = false;
      box.hidden = true;
      box.textContent = "";
    });
    question.querySelector(".coursekit-quiz__verdict").hidden = true;
    question.querySelector(".coursekit-quiz__solution").hidden = true;
  }

  function chosenIn(question) {
    return inputsOf(question).filter(function (input) { return input.checked; })
      .map(function (input) { return input.value; });
  }

  /* Show a checked attempt: feedback per chosen option, verdicts, score. */
  function showAttempt(form, answers) {
    var score = 0;
    var questions = questionsOf(form);
    questions.forEach(function (question) {
      var id = question.getAttribute("data-question");
      var known = inputsOf(question).map(function (input) { return input.value; });
      var chosen = (Array.isArray(answers[id]) ? answers[id] : []).filter(function (value) { return known.indexOf(value) >= 0; });
      if (showQuestion(form, question, chosen)) { score += 1; }
    });
    form.querySelector('[data-action="check"]').hidden = true;
    form.querySelector('[data-action="retry"]').hidden = false;
    var status = form.querySelector(".coursekit-quiz__score");
    status.textContent = format(form.getAttribute("data-text-score"), { score: score, total: questions.length });
    status.setAttribute("data-score", score + "/" + questions.length);
    return { answers: answers, score: score, total: questions.length };
  }

  function check(form) {
    var answers = {};
    questionsOf(form).forEach(function (question) {
      answers[question.getAttribute("data-question")] = chosenIn(question);
    });
    var attempt = showAttempt(form, answers);
    var saved = store.set(form.getAttribute("data-storage-key"), attempt);
    var status = form.querySelector(".coursekit-quiz__score");
    /* The live region announces the score; focus goes to it, next to "retry". */
    status.textContent += " " + form.getAttribute(saved ? "data-text-saved" : "data-text-storage-off");
    form.querySelector(".coursekit-quiz__result").focus();
  }

  function retry(form) {
    questionsOf(form).forEach(clearQuestion);
    form.querySelector('[data-action="check"]').hidden = false;
    form.querySelector('[data-action="retry"]').hidden = true;
    form.querySelector(".coursekit-quiz__score").textContent = "";
    var first = form.querySelector(".coursekit-quiz__question input");
    if (first) { first.focus(); }
  }

  function initQuiz(form) {
    if (form.dataset[READY]) { return; }
    form.dataset[READY] = "true";
    form.classList.add("coursekit-quiz--js");
    questionsOf(form).forEach(function (question) {
      question.querySelector(".coursekit-quiz__solution").hidden = true;
    });
    form.querySelector(".coursekit-quiz__actions").hidden = false;
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("click", function (event) {
      var button = event.target.closest("[data-action]");
      if (!button || !form.contains(button)) { return; }
      if (button.getAttribute("data-action") === "check") { check(form); } else { retry(form); }
    });
    var saved = store.get(form.getAttribute("data-storage-key"));
    if (saved) { showAttempt(form, saved.answers); }
  }

  /* The best outcome of each conversation a lesson places, in words
   * (saved by conversation.js as {ending, outcome}). */
  function conversationResults(overview, lesson) {
    var ids = (lesson.getAttribute("data-conversations") || "").split(" ").filter(Boolean);
    return ids.map(function (id) {
      var saved;
      try { saved = JSON.parse(window.localStorage.getItem(overview.getAttribute("data-conversation-prefix") + id)); } catch (error) { saved = null; }
      var label = saved && typeof saved.outcome === "string" && overview.getAttribute("data-text-outcome-" + saved.outcome);
      return label ? format(overview.getAttribute("data-text-conversation"), { outcome: label }) : "";
    }).filter(Boolean);
  }

  function initOverview(overview) {
    if (overview.dataset[READY]) { return; }
    overview.dataset[READY] = "true";
    var prefix = overview.getAttribute("data-storage-prefix");
    var done = 0;
    var lessons = overview.querySelectorAll(".coursekit-overview__lesson");
    Array.prototype.forEach.call(lessons, function (lesson) {
      var ids = (lesson.getAttribute("data-quizzes") || "").split(" ").filter(Boolean);
      var results = ids.map(function (id) { return store.get(prefix + id); }).filter(Boolean);
      var parts = conversationResults(overview, lesson);
      if (!results.length && !parts.length) { return; }
      var score = 0, total = 0;
      results.forEach(function (result) { score += Number(result.score) || 0; total += Number(result.total) || 0; });
      if (results.length) { parts.unshift(format(overview.getAttribute("data-text-score"), { score: score, total: total })); }
      var status = lesson.querySelector("[data-status]");
      status.textContent = parts.join(" · ");
      status.setAttribute("data-started", "true");
      if (results.length && results.length === ids.length) { done += 1; }
    });
    overview.querySelector(".coursekit-overview__progress").textContent =
      format(overview.getAttribute("data-text-progress"), { done: done, total: lessons.length });
  }

  function initPrint(button) {
    if (button.dataset[READY]) { return; }
    button.dataset[READY] = "true";
    button.parentNode.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("form.coursekit-quiz"), initQuiz);
    Array.prototype.forEach.call(document.querySelectorAll(".coursekit-overview"), initOverview);
    Array.prototype.forEach.call(document.querySelectorAll("[data-coursekit-print]"), initPrint);
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
