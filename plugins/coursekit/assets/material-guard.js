/* Material reads and writes its settings (palette, tabs, ...) through
   __md_get and __md_set, whose default argument `localStorage` throws where
   the browser blocks site data, and the throw stops the rest of that script.
   Loaded at the end of <head>, after Material defines them and before
   anything calls them: blocked storage then reads as "nothing saved" and
   writes nothing. Storage itself is left alone, so coursekit.js still sees
   that it is blocked and says so. */
(function () {
  "use strict";
  ["__md_get", "__md_set"].forEach(function (name) {
    var original = window[name];
    if (typeof original !== "function") return;
    window[name] = function () {
      try { return original.apply(this, arguments); } catch (error) { return null; }
    };
  });
})();
