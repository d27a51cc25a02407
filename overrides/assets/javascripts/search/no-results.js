// Shows the contact addresses in the search dialog when a search finds nothing.
//
// Material writes its "no results" text into the first child of the result element and
// empties the list; it has no hook for more content, so the text is watched instead. The
// box itself is rendered in the page language by overrides/partials/search.html.
(function () {
  "use strict";

  var observed = null;

  function update(box, meta, list) {
    var none = box.getAttribute("data-search-none") || "";
    var empty = list.children.length === 0;
    box.hidden = !(empty && meta.textContent.trim() === none.trim());
  }

  function setup() {
    var box = document.querySelector("[data-search-contact]");
    if (!box || box === observed) return;
    var result = box.parentElement;
    var meta = result.firstElementChild;
    var list = result.lastElementChild;
    var refresh = function () { update(box, meta, list); };
    var observer = new MutationObserver(refresh);
    observer.observe(meta, { childList: true, characterData: true, subtree: true });
    observer.observe(list, { childList: true });
    observed = box;
    refresh();
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setup);
  } else {
    document.addEventListener("DOMContentLoaded", setup);
  }
})();
