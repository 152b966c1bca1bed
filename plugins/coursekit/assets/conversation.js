/* coursekit: branching conversations, one step at a time. Without this file
 * the conversation is played with plain links (one section per node). Here
 * the same sections feed a dialogue: transcript, back, restart, debrief, and
 * the best outcome saved as {ending, outcome, replies}. Initialised through
 * Material's document$ (instant navigation), once per element. */
(function () {
  "use strict";

  var OUTCOMES = ["repaired", "wary", "lost"]; /* best first */

  function load(key) {
    try {
      var saved = JSON.parse(window.localStorage.getItem(key));
      return saved && typeof saved.ending === "string" && OUTCOMES.indexOf(saved.outcome) >= 0 ? saved : null;
    } catch (error) { return null; }
  }

  function save(key, value) {
    try { window.localStorage.setItem(key, JSON.stringify(value)); return true; } catch (error) { return false; }
  }

  function make(tag, className, text) {
    var element = document.createElement(tag);
    if (className) { element.className = "coursekit-conversation__" + className; }
    if (text) { element.textContent = text; }
    return element;
  }

  /* A copy of server-rendered (escaped) content, without ids that would clash. */
  function copy(element) {
    var clone = element.cloneNode(true);
    clone.removeAttribute("id");
    clone.removeAttribute("aria-labelledby");
    Array.prototype.forEach.call(clone.querySelectorAll("[id]"), function (e) { e.removeAttribute("id"); });
    return clone;
  }

  function init(root) {
    if (root.dataset.coursekitReady) { return; }
    root.dataset.coursekitReady = "true";
    var data = root.dataset;
    var $ = function (selector) { return root.querySelector(selector); };
    var player = $(".coursekit-conversation__player");
    var transcript = $(".coursekit-conversation__transcript");
    var turn = $(".coursekit-conversation__turn");
    var choices = $(".coursekit-conversation__choices");
    var end = $(".coursekit-conversation__end");
    var live = $("[data-live]");
    var best = $(".coursekit-conversation__best");
    var path = []; /* the reply links chosen, in order */

    function step(id) { return document.getElementById(root.id + "--" + id); }

    function showBest(saved, note) {
      if (!saved) { return; }
      best.hidden = false;
      best.textContent = data.textBest.replace("{outcome}", data["textOutcome" + saved.outcome.charAt(0).toUpperCase() + saved.outcome.slice(1)]) +
        (note ? " " + note : "");
    }

    /* Adds what the client says at a step (narrator note, line) to the transcript; returns it as text. */
    function hear(section) {
      var spoken = [];
      [".coursekit-conversation__narrator", ".coursekit-conversation__line"].forEach(function (selector) {
        var part = section.querySelector(selector);
        if (!part) { return; }
        var item = make("li", selector === ".coursekit-conversation__line" ? "client" : "narrator");
        item.appendChild(copy(part));
        transcript.appendChild(item);
        spoken.push(part.textContent.replace(/\s+/g, " ").trim());
      });
      return spoken.join(" ");
    }

    /* The skills the chosen replies show (or miss), in the author's order. */
    function skills(kind) {
      var seen = " " + path.map(function (link) { return link.getAttribute("data-" + kind); }).join(" ") + " ";
      return Array.prototype.filter.call(root.querySelectorAll("[data-skill]"), function (skill) {
        return seen.indexOf(" " + skill.getAttribute("data-skill") + " ") >= 0;
      });
    }

    function finish(section) {
      var debrief = copy(section);
      /* The transcript already holds the client's last words. */
      Array.prototype.forEach.call(debrief.querySelectorAll(".coursekit-conversation__again, .coursekit-conversation__line"),
        function (part) { part.remove(); });
      [["shows", data.textWentWell], ["misses", data.textToPractise]].forEach(function (pair) {
        var found = skills(pair[0]);
        if (!found.length) { return; }
        debrief.appendChild(make("p", "skills-title", pair[1]));
        var list = make("ul", "did-" + pair[0]);
        found.forEach(function (skill) { list.appendChild(copy(skill)); });
        debrief.appendChild(list);
      });
      end.textContent = "";
      end.appendChild(debrief);
      var outcome = section.getAttribute("data-outcome");
      var saved = load(data.storageKey);
      var result = saved;
      if (!saved || OUTCOMES.indexOf(outcome) < OUTCOMES.indexOf(saved.outcome)) {
        result = { ending: section.getAttribute("data-ending"), outcome: outcome,
                   replies: path.map(function (link) { return link.getAttribute("data-reply"); }) };
      }
      showBest(result, save(data.storageKey, result) ? data.textSaved : data.textStorageOff);
    }

    /* Draws the conversation for the current path; announces and moves focus after a choice. */
    function render(announce) {
      transcript.textContent = "";
      var current = step(data.start);
      var spoken = hear(current);
      path.forEach(function (link) {
        var item = make("li", "me");
        item.appendChild(make("strong", "speaker", data.textMe + ":"));
        item.appendChild(document.createTextNode(" "));
        Array.prototype.forEach.call(link.childNodes, function (child) { item.appendChild(child.cloneNode(true)); });
        transcript.appendChild(item);
        var from = current;
        current = step(link.getAttribute("data-next"));
        spoken = hear(current);
        var note = from.querySelector('.coursekit-conversation__notes li[data-reply="' + link.getAttribute("data-reply") + '"]');
        var aside = make("li", "note");
        aside.appendChild(make("strong", "", data.textNote + ": "));
        aside.appendChild(copy(note.querySelector(".coursekit-conversation__coaching")));
        aside.appendChild(copy(note.querySelector(".coursekit-conversation__learn")));
        transcript.appendChild(aside);
      });
      var ending = current.hasAttribute("data-ending");
      turn.hidden = ending;
      end.hidden = !ending;
      choices.textContent = "";
      if (ending) {
        var title = current.querySelector(".coursekit-conversation__ending-title").textContent;
        spoken = (spoken ? spoken + " " : "") + title + ". " + current.querySelector(".coursekit-conversation__outcome").textContent;
        finish(current);
      } else {
        Array.prototype.forEach.call(current.querySelectorAll(".coursekit-conversation__replies a"), function (link) {
          var button = make("button", "choice");
          button.type = "button";
          Array.prototype.forEach.call(link.childNodes, function (child) { button.appendChild(child.cloneNode(true)); });
          button.addEventListener("click", function () { path.push(link); render(true); });
          var item = document.createElement("li");
          item.appendChild(button);
          choices.appendChild(item);
        });
      }
      $('[data-action="back"]').hidden = $('[data-action="restart"]').hidden = !path.length;
      if (announce) {
        live.textContent = spoken;
        (ending ? end : turn).focus();
      }
    }

    player.addEventListener("click", function (event) {
      var action = event.target.closest("[data-action]");
      if (!action) { return; }
      if (action.getAttribute("data-action") === "back") { path.pop(); } else { path = []; }
      render(true);
    });
    $(".coursekit-conversation__script").hidden = true;
    player.hidden = false;
    root.classList.add("coursekit-conversation--js");
    showBest(load(data.storageKey));
    render(false);
  }

  function initAll() {
    Array.prototype.forEach.call(document.querySelectorAll(".coursekit-conversation"), init);
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(initAll);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", initAll);
  } else {
    initAll();
  }
})();
