// Keeps the header language selector pointing at the current article in each language.
//
// Material's instant navigation swaps <head> children and the page container, but not the
// header that holds the selector. So after each navigation the selector's links are refreshed
// from the new page's <link rel="alternate" hreflang> tags (paths only: site_url's origin may
// differ from the one serving the site). A link into another language is always loaded in full,
// so the header, <html lang> and Material's own strings come in that language too.
(function () {
  "use strict";

  function selectorLinks() {
    return Array.prototype.slice.call(
      document.querySelectorAll(".md-select__link[hreflang][data-md-language-root]")
    );
  }

  function refreshSelector() {
    var targets = {};
    document.querySelectorAll('head link[rel="alternate"][hreflang]').forEach(function (link) {
      var url = new URL(link.getAttribute("href"), document.baseURI);
      targets[link.getAttribute("hreflang")] = url.pathname + url.search;
    });
    selectorLinks().forEach(function (anchor) {
      var lang = anchor.getAttribute("hreflang");
      anchor.setAttribute("href", targets[lang] || anchor.getAttribute("data-md-language-root"));
    });
  }

  function languageOf(url) {
    var best = null;
    selectorLinks().forEach(function (anchor) {
      var root = anchor.getAttribute("data-md-language-root");
      if (url.pathname.indexOf(root) === 0 && (best === null || root.length > best.root.length)) {
        best = { lang: anchor.getAttribute("hreflang"), root: root };
      }
    });
    return best && best.lang;
  }

  // Capture phase on window runs before Material's click handlers on <body>.
  window.addEventListener("click", function (event) {
    var anchor = event.target instanceof Element ? event.target.closest("a[href]") : null;
    if (!anchor || anchor.target) return;
    // document$ fires only once the new page's scripts have loaded, but <head> is swapped
    // together with the content: a click in between must not follow a stale link.
    if (anchor.matches(".md-select__link")) refreshSelector();
    var url = new URL(anchor.href, document.baseURI);
    if (url.origin !== location.origin) return;
    var lang = languageOf(url);
    if (lang && lang !== document.documentElement.lang) {
      event.stopPropagation();
    }
  }, true);

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(refreshSelector);
  } else {
    document.addEventListener("DOMContentLoaded", refreshSelector);
  }
})();
