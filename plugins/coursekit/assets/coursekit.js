/* coursekit: quizzes, conversations, the learner's progress, print buttons. Pages work without
 * it (what needs it stays hidden); initialised once per element via document$. */
(function () {
  "use strict";

  var READY = "coursekitReady";
  var each = function (list, fn) { Array.prototype.forEach.call(list, fn); };
  var own = function (object, key) { return Object.prototype.hasOwnProperty.call(object, key); };
  var isCount = function (n) { return typeof n === "number" && n % 1 === 0 && n >= 0; };
  /* course.json, beside this script: what saved results are checked against. */
  var script = document.currentScript;
  var DATA_URL = script && script.src ? new URL("course.json", script.src).href : "";
  var courseData = null;

  /* localStorage may be blocked or hold anything. Only keyOf knows the key
   * scheme: a new one is a change here plus copying old keys forward. */
  var restored = {}; /* results another store handed over (coursekit.restore): read before localStorage */
  var store = {
    keyOf: function (base, kind, id) { return base + kind + ":" + id; },
    read: function (key) {
      if (own(restored, key)) { return restored[key]; }
      try { return JSON.parse(window.localStorage.getItem(key)); } catch (error) { return null; }
    },
    write: function (key, value) {
      if (own(restored, key)) { restored[key] = value; }
      try { window.localStorage.setItem(key, JSON.stringify(value)); return true; } catch (error) { return false; }
    },
    /* null when storage is blocked */
    keys: function (base) {
      try {
        var found = [], storage = window.localStorage;
        for (var i = 0; i < storage.length; i += 1) {
          if (storage.key(i).indexOf(base) === 0) { found.push(storage.key(i)); }
        }
        return found;
      } catch (error) { return null; }
    },
    remove: function (key) { try { window.localStorage.removeItem(key); } catch (error) { /* blocked */ } }
  };

  function format(text, values) {
    return text.replace(/\{(\w+)\}/g, function (all, name) { return own(values, name) ? values[name] : all; });
  }

  function loadCourse() {
    if (!courseData) {
      courseData = DATA_URL && window.fetch ? window.fetch(DATA_URL).then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.json();
      }) : Promise.reject(new Error("no course data"));
      courseData.catch(function () { courseData = null; });
    }
    return courseData;
  }

  /* A saved quiz result has this shape, or it is not one at all. */
  function isQuizRecord(saved) {
    var answers = saved && saved.answers;
    return !!answers && typeof answers === "object" && !Array.isArray(answers) &&
      isCount(saved.score) && isCount(saved.total) && saved.score <= saved.total &&
      Object.keys(answers).every(function (id) {
        return Array.isArray(answers[id]) && answers[id].every(function (option) { return typeof option === "string"; });
      });
  }

  /* A saved result against the quiz as it is now: answers it no longer has
   * are left out and the score is worked out again. null if nothing is left.
   * A blank question is never passed. */
  function weighQuiz(quiz, saved) {
    if (!quiz || !isQuizRecord(saved)) { return null; }
    var ids = Object.keys(quiz.questions), answers = {}, score = 0, answered = 0;
    ids.forEach(function (id) {
      var question = quiz.questions[id];
      var chosen = (own(saved.answers, id) ? saved.answers[id] : []).filter(function (option) {
        return question.options.indexOf(option) >= 0;
      });
      if (!chosen.length) { return; }
      answers[id] = chosen;
      answered += 1;
      if (chosen.length === question.correct.length &&
          chosen.every(function (option) { return question.correct.indexOf(option) >= 0; })) { score += 1; }
    });
    if (!answered) { return null; }
    return { answers: answers, score: score, total: ids.length,
      state: answered === ids.length && score >= quiz.pass ? "passed" : "tried" };
  }

  /* How to weigh each kind of saved result a lesson can hold; another widget
   * that saves an outcome joins by adding its kind here. */
  var KINDS = {
    quiz: function (course, id, saved) { return own(course.quizzes, id) ? weighQuiz(course.quizzes[id], saved) : null; },
    /* A conversation's best outcome, as its ending has it now; it adds words,
     * not a pass: a lesson is passed on its quiz. */
    conversation: function (course, id, saved) {
      var endings = own(course.conversations, id) ? course.conversations[id].endings : {};
      return saved && typeof saved.ending === "string" && own(endings, saved.ending) ?
        { outcome: endings[saved.ending] } : null;
    }
  };

  function resultOf(course, kind, id) {
    return own(KINDS, kind) ? KINDS[kind](course, id, store.read(store.keyOf(course.storage, kind, id))) : null;
  }

  /* A lesson's state from its saved results: "passed" when every one is
   * passed, "tried" when any exists, "none" otherwise; scores add up. */
  function lessonResult(course, lesson) {
    var summary = { state: "none", score: 0, total: 0, outcomes: [] }, graded = 0, passed = 0, found = 0;
    lesson.results.forEach(function (r) {
      var result = resultOf(course, r.kind, r.id);
      if (r.kind !== "conversation") { graded += 1; }
      if (!result) { return; }
      if (result.outcome) { summary.outcomes.push(result.outcome); return; }
      found += 1;
      passed += result.state === "passed" ? 1 : 0;
      summary.score += result.score;
      summary.total += result.total;
    });
    if (found) { summary.state = passed === graded ? "passed" : "tried"; }
    return summary;
  }

  /* Progress lines, lesson marks and the start button, from saved results. */
  function paint(course) {
    var results = course.lessons.map(function (lesson) { return lessonResult(course, lesson); });
    var passed = results.filter(function (r) { return r.state === "passed"; }).length;
    each(document.querySelectorAll(".coursekit-progress"), function (box) {
      box.querySelector(".coursekit-progress__text").textContent =
        format(box.getAttribute("data-text-progress"), { done: passed, total: results.length });
      box.querySelector(".coursekit-progress__bar span").style.width = (100 * passed / (results.length || 1)) + "%";
      box.hidden = false;
    });
    each(document.querySelectorAll(".coursekit-overview"), function (overview) {
      var text = function (name, values) { return format(overview.getAttribute("data-text-" + name), values || {}); };
      each(overview.querySelectorAll("[data-status]"), function (status, index) {
        var result = results[index];
        if (!result) { return; }
        status.textContent = (result.state === "none" && result.outcomes.length ? [] : [text(result.state, result)]).concat(result.outcomes.map(function (outcome) {
          return text("conversation", { outcome: text("outcome-" + outcome) });
        })).join(" · ");
        status.setAttribute("data-state", result.state);
        status.hidden = false;
      });
      /* Start; continue at the first lesson not passed; or review. */
      var start = overview.querySelector("[data-start]");
      var started = results.some(function (r) { return r.state !== "none"; });
      var next = started ? results.findIndex(function (r) { return r.state !== "passed"; }) : -1;
      if (start && course.lessons.length) {
        var lesson = course.lessons[Math.max(next, 0)];
        start.textContent = next >= 0 ? text("continue", { lesson: lesson.title }) : text(started ? "review" : "start");
        start.href = new URL(lesson.url, DATA_URL).href;
      }
    });
  }

  function refresh() {
    if (document.querySelector(".coursekit-progress, .coursekit-overview")) { loadCourse().then(paint, function () {}); }
  }

  /* ---- Quizzes ---- */

  function questionsOf(form) { return Array.prototype.slice.call(form.querySelectorAll(".coursekit-quiz__question")); }
  function inputsOf(question) { return Array.prototype.slice.call(question.querySelectorAll("input")); }
  function solutionOf(question, optionId) {
    return question.querySelector('.coursekit-quiz__solution li[data-option="' + CSS.escape(optionId) + '"]');
  }
  function chosenIn(question) {
    return inputsOf(question).filter(function (input) { return input.checked; }).map(function (input) { return input.value; });
  }

  /* The quiz as course.json has it, read from its markup. */
  function shapeOf(form) {
    var quiz = { pass: Number(form.getAttribute("data-pass")), questions: {} };
    questionsOf(form).forEach(function (question) {
      var options = inputsOf(question).map(function (input) { return input.value; });
      quiz.questions[question.getAttribute("data-question")] = { options: options, correct: options.filter(function (id) {
        return solutionOf(question, id).getAttribute("data-correct") === "true";
      }) };
    });
    return quiz;
  }

  /* The box under an option that shows its feedback, made on first use. */
  function feedbackBox(input) {
    var box = input.parentNode.querySelector(".coursekit-quiz__feedback");
    if (!box) {
      box = document.createElement("div");
      box.className = "coursekit-quiz__feedback";
      input.parentNode.appendChild(box);
    }
    return box;
  }

  /* Right, wrong, partly right (multiple choice) or unanswered. */
  function verdict(question, spec, chosen) {
    if (!chosen.length) { return "unanswered"; }
    var hits = chosen.filter(function (id) { return spec.correct.indexOf(id) >= 0; }).length;
    if (hits === spec.correct.length && chosen.length === hits) { return "right"; }
    return hits > 0 && question.getAttribute("data-type") === "multiple" ? "partly" : "wrong";
  }

  function showQuestion(form, question, spec, chosen) {
    inputsOf(question).forEach(function (input) {
      var picked = chosen.indexOf(input.value) >= 0;
      var label = input.nextElementSibling;
      var box = feedbackBox(input);
      var right = spec.correct.indexOf(input.value) >= 0;
      input.checked = picked;
      input.disabled = true;
      box.hidden = !picked;
      box.textContent = "";
      /* The chosen option's own mark: an icon (CSS) and a word. */
      if (picked) {
        var mark = document.createElement("span");
        mark.className = "coursekit-quiz__mark-chip";
        mark.textContent = form.getAttribute(right ? "data-text-correct" : "data-text-incorrect");
        label.appendChild(mark);
        label.setAttribute("data-mark", right ? "right" : "wrong");
        box.appendChild(solutionOf(question, input.value).querySelector(".coursekit-quiz__why").cloneNode(true));
        box.setAttribute("data-correct", String(right));
      }
    });
    var result = verdict(question, spec, chosen);
    var line = question.querySelector(".coursekit-quiz__verdict");
    line.hidden = false;
    line.setAttribute("data-verdict", result);
    line.textContent = form.getAttribute("data-text-" + result);
    var solution = question.querySelector(".coursekit-quiz__solution");
    solution.hidden = false;
    solution.open = false;
  }

  function clearQuestion(question) {
    inputsOf(question).forEach(function (input) {
      var label = input.nextElementSibling, mark = label.querySelector(".coursekit-quiz__mark-chip");
      if (mark) { mark.remove(); }
      label.removeAttribute("data-mark");
      input.checked = false;
      input.disabled = false;
      feedbackBox(input).hidden = true;
    });
    question.querySelector(".coursekit-quiz__verdict").hidden = true;
    question.querySelector(".coursekit-quiz__solution").hidden = true;
  }

  /* Show a weighed attempt: marks and feedback per chosen option, verdicts, score. */
  function showAttempt(form, result) {
    var quiz = shapeOf(form);
    questionsOf(form).forEach(function (question) {
      var id = question.getAttribute("data-question");
      showQuestion(form, question, quiz.questions[id], result.answers[id] || []);
    });
    form.querySelector('[data-action="check"]').hidden = true;
    form.querySelector('[data-action="retry"]').hidden = false;
    form.querySelector(".coursekit-quiz__warning").hidden = true;
    var status = form.querySelector(".coursekit-quiz__score");
    status.textContent = format(form.getAttribute("data-text-score"), result) + " " +
      format(form.getAttribute(result.state === "passed" ? "data-text-passed" : "data-text-to-pass"),
        { pass: quiz.pass, total: result.total });
    status.setAttribute("data-score", result.score + "/" + result.total);
  }

  /* Warn first when questions are blank: how many, and which. */
  function warnUnanswered(form) {
    var blank = [];
    questionsOf(form).forEach(function (question, index) { if (!chosenIn(question).length) { blank.push(index + 1); } });
    if (!blank.length) { return false; }
    var items = blank.map(function (n) { return format(form.getAttribute("data-text-unanswered-item"), { n: n }); });
    var list = window.Intl && Intl.ListFormat ? new Intl.ListFormat(document.documentElement.lang || undefined).format(items) : items.join(", ");
    var warning = form.querySelector(".coursekit-quiz__warning");
    warning.hidden = false;
    warning.querySelector("[role=alert]").textContent =
      format(form.getAttribute(blank.length === 1 ? "data-text-unanswered-one" : "data-text-unanswered-many"),
        { n: blank.length, list: list });
    return true;
  }

  function check(form) {
    var answers = {};
    questionsOf(form).forEach(function (question) { answers[question.getAttribute("data-question")] = chosenIn(question); });
    var quiz = shapeOf(form);
    var result = weighQuiz(quiz, { answers: answers, score: 0, total: 0 }) ||
      { answers: {}, score: 0, total: Object.keys(quiz.questions).length, state: "tried" };
    showAttempt(form, result);
    var saved = store.write(form.getAttribute("data-storage-key"), { answers: answers, score: result.score, total: result.total });
    var status = form.querySelector(".coursekit-quiz__score");
    /* The live region announces the score; focus goes to it, next to "retry". */
    status.textContent += " " + form.getAttribute(saved ? "data-text-saved" : "data-text-storage-off");
    form.querySelector(".coursekit-quiz__result").focus();
    refresh();
    form.dispatchEvent(new CustomEvent("coursekit:quiz-checked", { bubbles: true, detail: {
      quiz: form.getAttribute("data-quiz"), answers: result.answers, score: result.score, total: result.total,
      pass: quiz.pass, passed: result.state === "passed" } }));
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
    questionsOf(form).forEach(function (question) { question.querySelector(".coursekit-quiz__solution").hidden = true; });
    form.querySelector(".coursekit-quiz__actions").hidden = false;
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("change", function () { form.querySelector(".coursekit-quiz__warning").hidden = true; });
    form.addEventListener("click", function (event) {
      var button = event.target.closest("[data-action]");
      var action = button && form.contains(button) ? button.getAttribute("data-action") : "";
      if (action === "check" && !warnUnanswered(form) || action === "check-anyway") { check(form); }
      if (action === "retry") { retry(form); }
    });
    var result = weighQuiz(shapeOf(form), store.read(form.getAttribute("data-storage-key")));
    if (result) { showAttempt(form, result); }
  }

  /* ---- The learner's saved data: save to a file, load from one, clear ---- */

  var FORMAT = "coursekit-progress";

  /* The course's valid results by "<kind>:<id>": files outlive a key change. */
  function collect(course) {
    var results = {};
    course.lessons.forEach(function (lesson) {
      lesson.results.forEach(function (r) {
        var saved = store.read(store.keyOf(course.storage, r.kind, r.id));
        var found = own(KINDS, r.kind) ? KINDS[r.kind](course, r.id, saved) : null;
        if (found) { results[r.kind + ":" + r.id] = clean(found, saved); }
      });
    });
    return results;
  }

  /* What is written for a checked result: the score worked out, the outcome as its ending has it. */
  function clean(found, saved) {
    return found.answers ? { answers: found.answers, score: found.score, total: found.total } :
      { ending: saved.ending, outcome: found.outcome, replies: [] };
  }

  /* The results a file holds for this course, or the name of the message
   * that says why it is refused. */
  function readFile(course, text) {
    var data;
    try { data = JSON.parse(text); } catch (error) { return "import-not-progress"; }
    if (!data || data.format !== FORMAT || data.version !== 1) { return "import-not-progress"; }
    if (data.course !== course.course) { return "import-other-course"; }
    var results = data.results;
    if (!results || typeof results !== "object" || Array.isArray(results)) { return "import-damaged"; }
    var accepted = {}, damaged = false;
    Object.keys(results).forEach(function (name) {
      var parts = name.split(":"), kind = parts[0], id = parts[1];
      var value = results[name];
      if (parts.length !== 2 || kind === "quiz" && !isQuizRecord(value) || !value || typeof value !== "object") {
        damaged = true;
        return;
      }
      var found = own(KINDS, kind) ? KINDS[kind](course, id, value) : null;
      if (found) { accepted[name] = clean(found, value); }
    });
    if (damaged) { return "import-damaged"; }
    return Object.keys(accepted).length ? accepted : "import-empty";
  }

  function confirmWith(dialog, then) {
    dialog.returnValue = "";
    dialog.onclose = function () { if (dialog.returnValue === "yes") { then(); } };
    dialog.showModal();
  }

  function initManage(overview, course) {
    var section = overview.querySelector(".coursekit-manage");
    var message = section.querySelector(".coursekit-manage__message");
    var fileInput = section.querySelector("[data-import-file]");
    var say = function (name, values) { message.textContent = format(overview.getAttribute("data-text-" + name), values || {}); };
    if (store.keys(course.storage) === null) { say("storage-blocked"); }
    section.hidden = false;

    function save(results) {
      Object.keys(results).forEach(function (name) {
        var parts = name.split(":");
        store.write(store.keyOf(course.storage, parts[0], parts[1]), results[name]);
      });
      say("imported");
      paint(course);
    }

    fileInput.addEventListener("change", function () {
      var file = fileInput.files[0];
      fileInput.value = "";
      if (!file) { return; }
      file.text().then(function (text) {
        var results = readFile(course, text);
        if (typeof results === "string") { say(results); return; }
        if (Object.keys(collect(course)).length) {
          confirmWith(section.querySelector('[data-confirm="import"]'), function () { save(results); });
        } else { save(results); }
      }, function () { say("import-not-progress"); });
    });

    section.addEventListener("click", function (event) {
      var button = event.target.closest("[data-action]");
      var action = button ? button.getAttribute("data-action") : "";
      if (action === "import") { fileInput.click(); }
      if (action === "reset") {
        confirmWith(section.querySelector('[data-confirm="reset"]'), function () {
          (store.keys(course.storage) || []).forEach(store.remove);
          say("reset-done");
          paint(course);
        });
      }
      if (action === "export") {
        var results = collect(course);
        if (!Object.keys(results).length) { say("nothing-to-export"); return; }
        var name = overview.getAttribute("data-file-name");
        var body = JSON.stringify({ format: FORMAT, version: 1, course: course.course, edition: course.edition,
          results: results }, null, 1);
        var link = document.createElement("a");
        link.href = URL.createObjectURL(new Blob([body], { type: "application/json" }));
        link.download = name;
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(function () { URL.revokeObjectURL(link.href); });
        say("exported", { file: name });
      }
    });
  }

  function initOverview(overview) {
    if (overview.dataset[READY]) { return; }
    overview.dataset[READY] = "true";
    loadCourse().then(function (course) { initManage(overview, course); }, function () {});
  }

  /* Conversations, step by step. Without JavaScript each step is a section
   * and each reply a link; here those sections feed a dialogue with back,
   * restart, a debrief and the best outcome saved. */
  var OUTCOMES = ["repaired", "wary", "lost"]; /* best first */

  /* A conversation's saved best outcome, {ending, outcome, replies}, or null. */
  function loadOutcome(key) {
    var saved = store.read(key);
    return saved && typeof saved.ending === "string" && OUTCOMES.indexOf(saved.outcome) >= 0 ? saved : null;
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
      stored = store.write(data.storageKey, saved);
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

  /* Results saved under a version 1 key (it named the edition) are copied
   * to today's key once; the old keys stay. The mark sits outside the base,
   * so clearing progress does not bring old results back. */
  function migrate(element) {
    var legacy = element.getAttribute("data-storage-legacy"), base = element.getAttribute("data-storage-base");
    var mark = base && base.slice(0, -1) + ";from-v1", old = legacy && store.keys(legacy);
    if (!old || store.read(mark)) { return; }
    old.forEach(function (key) {
      var target = base + key.slice(legacy.length);
      if (store.read(target) === null) { store.write(target, store.read(key)); }
    });
    store.write(mark, true);
  }

  function init() {
    each(document.querySelectorAll("[data-storage-legacy]"), migrate);
    each(document.querySelectorAll("form.coursekit-quiz"), initQuiz);
    each(document.querySelectorAll(".coursekit-overview"), initOverview);
    each(document.querySelectorAll("[data-coursekit-print]"), initPrint);
    each(document.querySelectorAll(".coursekit-conversation"), initConversation);
    refresh();
  }

  /* Hooks for a script that keeps results elsewhere (coursekit-scorm.js, only in a
   * learning-platform package; the public site has none):
   * - every quiz dispatches "coursekit:quiz-checked" (bubbles) when checked, with
   *   detail {quiz, answers, score, total, pass, passed};
   * - coursekit.restore(storageKey, record) hands over a result kept there,
   *   {answers: {questionId: [optionIds]}}, or null for none. The store then reads
   *   it instead of localStorage, and it is weighed as any saved result is. Call it
   *   before the page is initialised, or the quiz is shown again. */
  window.coursekit = { restore: function (key, record) {
    restored[key] = record && typeof record === "object" ? { answers: record.answers, score: 0, total: 0 } : null;
    each(document.querySelectorAll("form.coursekit-quiz"), function (form) {
      if (form.dataset[READY] && form.getAttribute("data-storage-key") === key) {
        var result = weighQuiz(shapeOf(form), store.read(key));
        if (result) { showAttempt(form, result); }
      }
    });
  } };

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
