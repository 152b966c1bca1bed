/* coursekit: checking, scoring and saved progress for quizzes; conversations
 * played step by step; print buttons.
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

  /* The best outcome of each conversation a lesson places, in words. */
  function conversationResults(overview, lesson) {
    return (lesson.getAttribute("data-conversations") || "").split(" ").filter(Boolean).map(function (id) {
      var saved = loadOutcome(overview.getAttribute("data-conversation-prefix") + id);
      return saved ? format(overview.getAttribute("data-text-conversation"),
                            { outcome: overview.getAttribute("data-text-outcome-" + saved.outcome) }) : "";
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

  /* Conversations, step by step. Without JavaScript each step is a section
   * and each reply a link; here those sections feed a dialogue with back,
   * restart, a debrief and the best outcome saved. */
  var each = function (list, fn) { Array.prototype.forEach.call(list, fn); };
  var OUTCOMES = ["repaired", "wary", "lost"]; /* best first */

  /* A conversation's saved best outcome, {ending, outcome, replies}, or null. */
  function loadOutcome(key) {
    try {
      var saved = JSON.parse(window.localStorage.getItem(key));
      return saved && typeof saved.ending === "string" && OUTCOMES.indexOf(saved.outcome) >= 0 ? saved : null;
    } catch (error) { return null; }
  }

  function make(tag, name, text) {
    var element = document.createElement(tag);
    element.className = name ? "coursekit-conversation__" + name : "";
    element.textContent = text || "";
    return element;
  }

  /* Server-rendered (escaped) content, copied without ids that would clash. */
  function copy(element) {
    var clone = element.cloneNode(true);
    clone.removeAttribute("id");
    clone.removeAttribute("aria-labelledby");
    each(clone.querySelectorAll("[id]"), function (e) { e.removeAttribute("id"); });
    return clone;
  }

  function initConversation(root) {
    if (root.dataset.coursekitReady) { return; }
    root.dataset.coursekitReady = "true";
    var data = root.dataset, path = [];
    var $ = function (name) { return root.querySelector(".coursekit-conversation__" + name); };
    var transcript = $("transcript"), turn = $("turn"), end = $("end"), best = $("best");
    var live = root.querySelector("[data-live]");
    var step = function (id) { return document.getElementById(root.id + "--" + id); };

    function showBest(saved, note) {
      if (!saved) { return; }
      best.hidden = false;
      best.textContent = data.textBest.replace("{outcome}", root.getAttribute("data-text-outcome-" + saved.outcome)) + (note ? " " + note : "");
    }

    /* Adds a client's step (narrator note, line) to the transcript; returns it as text. */
    function hear(section) {
      var spoken = [];
      each(section.querySelectorAll(":scope > .coursekit-conversation__narrator, :scope > .coursekit-conversation__line"), function (part) {
        var item = make("li", part.className.split("__")[1] === "line" ? "client" : "narrator");
        item.appendChild(copy(part));
        transcript.appendChild(item);
        spoken.push(part.textContent.replace(/\s+/g, " ").trim());
      });
      return spoken.join(" ");
    }

    /* The ending's debrief, and the skills the chosen replies showed or missed, in the author's order. */
    function finish(section) {
      var debrief = copy(section);
      each(debrief.querySelectorAll(".coursekit-conversation__again, .coursekit-conversation__line"), function (e) { e.remove(); });
      ["shows", "misses"].forEach(function (kind) {
        var chosen = " " + path.map(function (link) { return link.getAttribute("data-" + kind); }).join(" ") + " ";
        var list = make("ul");
        each(root.querySelectorAll("[data-skill]"), function (skill) {
          if (chosen.indexOf(" " + skill.getAttribute("data-skill") + " ") >= 0) { list.appendChild(copy(skill)); }
        });
        if (list.children.length) {
          debrief.appendChild(make("p", "", data[kind === "shows" ? "textWentWell" : "textToPractise"]));
          debrief.appendChild(list);
        }
      });
      end.replaceChildren(debrief);
      var outcome = section.getAttribute("data-outcome"), saved = loadOutcome(data.storageKey);
      if (!saved || OUTCOMES.indexOf(outcome) < OUTCOMES.indexOf(saved.outcome)) {
        saved = { ending: section.getAttribute("data-ending"), outcome: outcome,
                  replies: path.map(function (link) { return link.getAttribute("data-reply"); }) };
      }
      var stored;
      try { window.localStorage.setItem(data.storageKey, JSON.stringify(saved)); stored = true; } catch (error) { stored = false; }
      showBest(saved, stored ? data.textSaved : data.textStorageOff);
    }

    /* Draws the path so far; after a choice, announces the client's line and moves focus. */
    function render(announce) {
      transcript.textContent = "";
      var current = step(data.start), spoken = hear(current);
      path.forEach(function (link) {
        var mine = make("li", "me"), note = make("li", "note");
        mine.appendChild(make("strong", "", data.textMe + ": "));
        each(link.childNodes, function (child) { mine.appendChild(child.cloneNode(true)); });
        transcript.appendChild(mine);
        var why = current.querySelector('.coursekit-conversation__notes [data-reply="' + link.getAttribute("data-reply") + '"]');
        current = step(link.getAttribute("data-next"));
        spoken = hear(current);
        note.appendChild(make("strong", "", data.textNote + ": "));
        each(why.querySelectorAll(".coursekit-conversation__coaching, .coursekit-conversation__learn"), function (part) {
          note.appendChild(copy(part));
        });
        transcript.appendChild(note);
      });
      var ending = current.hasAttribute("data-ending"), choices = $("choices");
      turn.hidden = ending;
      end.hidden = !ending;
      choices.textContent = "";
      if (ending) {
        spoken = [spoken, current.querySelector("h1, h2, h3, h4, h5, h6").textContent + ".",
                  current.querySelector(".coursekit-conversation__outcome").textContent].join(" ").trim();
        finish(current);
      } else {
        each(current.querySelectorAll(".coursekit-conversation__replies a"), function (link) {
          var item = make("li"), button = make("button", "choice");
          button.type = "button";
          each(link.childNodes, function (child) { button.appendChild(child.cloneNode(true)); });
          button.addEventListener("click", function () { path.push(link); render(true); });
          item.appendChild(button);
          choices.appendChild(item);
        });
      }
      each(root.querySelectorAll("[data-action]"), function (button) { button.hidden = !path.length; });
      if (announce) {
        live.textContent = spoken;
        (ending ? end : turn).focus();
      }
    }

    root.addEventListener("click", function (event) {
      var action = event.target.closest("[data-action]");
      if (!action) { return; }
      if (action.getAttribute("data-action") === "back") { path.pop(); } else { path = []; }
      render(true);
    });
    $("script").hidden = true;
    $("player").hidden = false;
    showBest(loadOutcome(data.storageKey));
    render(false);
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
    Array.prototype.forEach.call(document.querySelectorAll(".coursekit-conversation"), initConversation);
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
