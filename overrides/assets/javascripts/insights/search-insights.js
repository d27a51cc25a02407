/*
 * Anonymous search insights: what readers search for, so authors can add the phrasings that
 * find nothing (see the staff dashboard, /admin/search).
 *
 * Once the reader stops typing in the site's search box, one report goes to the service: the
 * query, the page language and the number of results; if the reader then opens a result, the
 * same report is sent again with the opened page. Nothing else: no cookie, no reader id (each
 * report's random id exists only so a retry is not counted twice), and the service drops
 * queries that look like e-mail addresses or account numbers and keeps counts per day.
 * This script does not filter queries itself: the service alone decides what is personal data
 * (feedback_service/insights/privacy.py and its table of cases), so there is one rule to keep
 * right, and a query is only ever held in the service's memory until it is dropped.
 * With Global Privacy Control or Do Not Track set, this script sends nothing at all.
 *
 * It stays outside the search implementation: it finds the search box by role and listens to
 * input and clicks on the document, so it keeps working when the search engine changes.
 * Reports wait in the outbox of outbox/outbox.js until the service acknowledges them, with
 * the votes' retry rules.
 */
(function () {
  "use strict";

  if (window.hcSearchInsights) return; // instant navigation may run the script again
  window.hcSearchInsights = true;

  function optedOut() {
    return navigator.globalPrivacyControl === true ||
      navigator.doNotTrack === "1" || navigator.doNotTrack === "yes" ||
      window.doNotTrack === "1";
  }
  if (optedOut()) return;

  // Where the build says the service is (partials/service.html, from extra.feedback.endpoint, as
  // for votes); resolved once, against the page the script first ran on.
  var configured = document.querySelector("meta[name=hc-search-insights]");
  if (!configured) return;
  var ENDPOINT = new URL(configured.content, location.href).href;
  var QUIET_MS = 1200; // "stopped typing"
  // The query lengths the service counts, from the build (helpcenter/limits.py) by way of the
  // search dialog's data attributes (partials/search.html).
  function queryLimits() {
    var dialog = document.querySelector("[data-site-search]");
    var data = dialog ? dialog.dataset : {};
    return { min: Number(data.queryMin), max: Number(data.queryMax) };
  }
  var SEARCH_BOX = "[role=search] input, input[role=searchbox], input[type=search]";
  var outbox = window.hcOutbox("hc-search-insights.outbox", { limit: 50 });

  function queue(report) {
    outbox.queue(report.id, ENDPOINT, report);
  }

  /* The search box */

  var timer = null;
  var current = null; // the last reported search: {report, box}

  function area(box) {
    return box.closest("[role=search]") || box.form || document;
  }

  function resultLinks(box) {
    return Array.prototype.filter.call(area(box).querySelectorAll("a[href]"), function (a) {
      return a.origin === location.origin && a.protocol.indexOf("http") === 0;
    });
  }

  // The number of results the search box says it found: a search UI may state it in
  // data-search-count; Material writes it in its result meta line ("12 matching documents")
  // and lists the first results only; otherwise the result links are counted.
  function resultCount(box) {
    var root = area(box);
    var stated = root.querySelector("[data-search-count]");
    if (stated) return parseInt(stated.getAttribute("data-search-count"), 10) || 0;
    var links = resultLinks(box).length;
    var meta = root.querySelector(".md-search-result__meta");
    var number = meta && /\d+/.exec(meta.textContent.replace(/[\s\u00a0.,]/g, ""));
    return number ? parseInt(number[0], 10) : links;
  }

  function typed(box) {
    return box.value.replace(/\s+/g, " ").trim();
  }

  function report(box) {
    clearTimeout(timer);
    timer = null;
    var query = typed(box);
    var limits = queryLimits();
    if (!(query.length >= limits.min && query.length <= limits.max)) return;
    if (current && current.box === box && current.report.query === query) return;
    var language = (document.documentElement.lang || "").split("-")[0];
    current = {
      box: box,
      report: { id: window.hcOutbox.randomId(), language: language, query: query,
                results: resultCount(box), opened: null },
    };
    queue(current.report);
  }

  document.addEventListener("input", function (event) {
    var box = event.target;
    if (!(box instanceof HTMLInputElement) || !box.matches(SEARCH_BOX)) return;
    clearTimeout(timer);
    timer = setTimeout(function () { report(box); }, QUIET_MS);
  }, true);

  // Capture phase: instant navigation handles the click too, and must not hide it from us.
  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element && event.target.closest("a[href]");
    if (!link) return;
    var box = document.querySelector(SEARCH_BOX);
    if (!box || !area(box).contains(link) || resultLinks(box).indexOf(link) < 0) return;
    if (timer !== null) report(box); // opened before the pause: report the search first
    if (!current || current.report.opened || current.report.results === 0) return;
    current.report = Object.assign({}, current.report, { opened: link.pathname });
    queue(current.report);
  }, true);

  outbox.flush();
})();
