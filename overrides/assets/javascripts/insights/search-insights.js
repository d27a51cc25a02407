/*
 * Anonymous search insights: what readers search for, so authors can add the phrasings that
 * find nothing (see the staff dashboard, /admin/search).
 *
 * Once the reader stops typing in the site's search box, one report goes to the service: the
 * query, the page language and the number of results; if the reader then opens a result, the
 * same report is sent again with the opened page. Nothing else: no cookie, no reader id (each
 * report's random id exists only so a retry is not counted twice), and the service drops
 * queries that look like e-mail addresses or account numbers and keeps counts per day.
 * With Global Privacy Control or Do Not Track set, this script sends nothing at all.
 *
 * It stays outside the search implementation: it finds the search box by role and listens to
 * input and clicks on the document, so it keeps working when the search engine changes.
 * Reports wait in a localStorage outbox until the service acknowledges them, like the votes
 * of feedback.js (same retry rules: 2xx or a permanent 4xx ends a report; offline, 408, 429
 * and 5xx retry with backoff, on `online` and on the next page).
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

  var ENDPOINT = new URL("/api/search-insights", location.href).href;
  var OUTBOX_KEY = "hc-search-insights.outbox"; // report id -> report
  var QUIET_MS = 1200; // "stopped typing"
  var MIN_QUERY = 2;
  var MAX_QUERY = 100;
  var MAX_OUTBOX = 50;
  var MAX_BACKOFF_MS = 5 * 60 * 1000;
  var SEARCH_BOX = "[role=search] input, input[role=searchbox], input[type=search]";

  /* Outbox */

  var memory = {};
  function load() {
    try {
      var value = JSON.parse(localStorage.getItem(OUTBOX_KEY) || "{}");
      return value && typeof value === "object" ? value : {};
    } catch (err) {
      return memory;
    }
  }
  function save(outbox) {
    memory = outbox;
    try {
      localStorage.setItem(OUTBOX_KEY, JSON.stringify(outbox));
    } catch (err) {
      // No storage (private mode, full): this page view still sends from memory.
    }
  }

  var flushing = false;
  var retryTimer = null;
  var failures = 0;

  function send(report) {
    return fetch(ENDPOINT, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(report),
      credentials: "omit",
      cache: "no-store",
      keepalive: true,
    }).then(function (response) {
      if (response.ok) return "done";
      var later = response.status === 408 || response.status === 429 || response.status >= 500;
      return later ? "retry" : "done"; // a permanent 4xx will not get better by retrying
    }, function () {
      return "retry";
    });
  }

  function forget(report) {
    var outbox = load();
    var queued = outbox[report.id];
    // A result opened while the first report was in flight must still go out.
    if (queued && queued.opened === report.opened) {
      delete outbox[report.id];
      save(outbox);
    }
  }

  function scheduleRetry() {
    if (retryTimer !== null) return;
    var delay = Math.min(MAX_BACKOFF_MS, 1000 * Math.pow(2, failures));
    failures += 1;
    retryTimer = setTimeout(function () {
      retryTimer = null;
      flush();
    }, delay * (0.75 + Math.random() / 2));
  }

  function flush() {
    if (flushing) return;
    var outbox = load();
    var reports = Object.keys(outbox).map(function (id) { return outbox[id]; });
    if (!reports.length) return;
    flushing = true;
    var retry = false;
    reports.reduce(function (previous, report) {
      return previous.then(function () {
        return send(report).then(function (result) {
          if (result === "retry") retry = true;
          else forget(report);
        });
      });
    }, Promise.resolve()).then(function () {
      flushing = false;
      if (retry) return scheduleRetry();
      failures = 0;
      if (Object.keys(load()).length) flush();
    });
  }

  function queue(report) {
    var outbox = load();
    outbox[report.id] = report;
    var ids = Object.keys(outbox);
    for (var i = 0; i < ids.length - MAX_OUTBOX; i++) delete outbox[ids[i]];
    save(outbox);
    flush();
  }

  function randomId() {
    if (window.crypto && typeof crypto.randomUUID === "function") return crypto.randomUUID();
    var bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) {
      return (b + 0x100).toString(16).slice(1);
    }).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)]
      .join("-");
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
    if (query.length < MIN_QUERY || query.length > MAX_QUERY) return;
    if (current && current.box === box && current.report.query === query) return;
    var language = (document.documentElement.lang || "").split("-")[0];
    current = {
      box: box,
      report: { id: randomId(), language: language, query: query, results: resultCount(box),
                opened: null },
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

  window.addEventListener("online", function () {
    failures = 0;
    if (retryTimer !== null) {
      clearTimeout(retryTimer);
      retryTimer = null;
    }
    flush();
  });

  flush();
})();
