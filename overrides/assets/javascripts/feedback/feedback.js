/*
 * "Did this answer help?" (overrides/partials/feedback.html).
 *
 * Every vote goes to an outbox in localStorage first and is then posted; it leaves the outbox
 * only when the service has acknowledged it (2xx) or rejected it for good (a 4xx other than
 * 408/429). Anything else (offline, network error, 5xx, 429) stays and is retried on the
 * `online` event, on the next page load and with exponential backoff.
 *
 * A reader has one vote per article and language, with a random id kept in localStorage;
 * changing the vote resends that id with a higher revision, and the service keeps the highest.
 */
(function () {
  "use strict";

  var OUTBOX_KEY = "hc-feedback.outbox"; // vote id -> {endpoint, vote}
  var VOTES_KEY = "hc-feedback.votes"; // "language/article" -> {id, vote, revision}
  var MAX_COMMENT = 1000;
  var MAX_BACKOFF_MS = 5 * 60 * 1000;

  var memory = {};
  var storageWorks = (function () {
    try {
      localStorage.setItem("hc-feedback.probe", "1");
      localStorage.removeItem("hc-feedback.probe");
      return true;
    } catch (err) {
      return false;
    }
  })();

  function load(key) {
    if (!storageWorks) return memory[key] || {};
    try {
      var value = JSON.parse(localStorage.getItem(key) || "{}");
      return value && typeof value === "object" ? value : {};
    } catch (err) {
      return {};
    }
  }

  function save(key, value) {
    memory[key] = value;
    if (!storageWorks) return;
    try {
      localStorage.setItem(key, JSON.stringify(value));
    } catch (err) {
      // Storage full: the in-memory copy still lets this page view send the vote.
      storageWorks = false;
    }
  }

  function randomId() {
    if (window.crypto && typeof crypto.randomUUID === "function") return crypto.randomUUID();
    // crypto.randomUUID needs a secure context; getRandomValues does not.
    var bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) {
      return (b + 0x100).toString(16).slice(1);
    }).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)]
      .join("-");
  }

  /* Sending */

  var flushing = false;
  var retryTimer = null;
  var failures = 0;

  function send(item) {
    return fetch(item.endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(item.vote),
      credentials: "omit",
      cache: "no-store",
      keepalive: true,
    }).then(
      function (response) {
        if (response.ok) return "sent";
        if (response.status === 408 || response.status === 429 || response.status >= 500) {
          return "retry";
        }
        return response.text().then(function (text) {
          console.warn("Feedback rejected (" + response.status + "), not retrying: " + text);
          return "rejected";
        }, function () {
          return "rejected";
        });
      },
      function () {
        return "retry";
      }
    );
  }

  function forget(item) {
    var outbox = load(OUTBOX_KEY);
    var queued = outbox[item.vote.id];
    // A newer revision queued while this one was in flight must still go out.
    if (queued && queued.vote.revision === item.vote.revision) {
      delete outbox[item.vote.id];
      save(OUTBOX_KEY, outbox);
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
    var outbox = load(OUTBOX_KEY);
    var items = Object.keys(outbox).map(function (id) { return outbox[id]; });
    if (!items.length) return;
    flushing = true;
    var retry = false;
    items.reduce(function (previous, item) {
      return previous.then(function () {
        return send(item).then(function (result) {
          if (result === "retry") retry = true;
          else forget(item);
        });
      });
    }, Promise.resolve()).then(function () {
      flushing = false;
      if (retry) {
        scheduleRetry();
        return;
      }
      failures = 0;
      if (Object.keys(load(OUTBOX_KEY)).length) flush();
    });
  }

  function queue(endpoint, vote) {
    var outbox = load(OUTBOX_KEY);
    outbox[vote.id] = { endpoint: endpoint, vote: vote };
    save(OUTBOX_KEY, outbox);
    if (retryTimer !== null) {
      clearTimeout(retryTimer);
      retryTimer = null;
    }
    flush();
  }

  /* The widget */

  function setup(root) {
    var data = root.dataset;
    var slotKey = data.language + "/" + data.article;
    var endpoint = new URL(data.endpoint, location.href).href;
    var buttons = root.querySelectorAll("[data-vote]");
    var form = root.querySelector("form");
    var comment = form.querySelector("textarea");
    var count = root.querySelector("#hc-feedback-count");
    var status = root.querySelector("[role=status]");
    var support = root.querySelector(".hc-feedback__support");
    // The article's own contact box (overrides/partials/article-footer.html) names the right
    // address for this question; the partial's fallback link goes to the home page.
    var contact = document.querySelector(".site-contact [id]");
    if (contact) support.querySelector("a").setAttribute("href", "#" + contact.id);

    function current() {
      return load(VOTES_KEY)[slotKey] || null;
    }

    function record(vote, reason, text) {
      var votes = load(VOTES_KEY);
      var slot = votes[slotKey] || { id: randomId(), revision: 0 };
      slot = {
        id: slot.id,
        vote: vote,
        revision: Math.max(Date.now(), slot.revision + 1),
      };
      votes[slotKey] = slot;
      save(VOTES_KEY, votes);
      queue(endpoint, {
        id: slot.id,
        revision: slot.revision,
        article: data.article,
        language: data.language,
        vote: vote,
        reason: reason || null,
        comment: text || null,
        page_version: data.version,
      });
    }

    function press(vote) {
      Array.prototype.forEach.call(buttons, function (button) {
        button.setAttribute("aria-pressed", String(button.dataset.vote === vote));
      });
    }

    function announce(text, withSupport) {
      status.textContent = text;
      support.hidden = !withSupport;
    }

    function updateCount() {
      count.textContent = data.count
        .replace("{count}", String(comment.value.length))
        .replace("{max}", String(MAX_COMMENT));
    }

    Array.prototype.forEach.call(buttons, function (button) {
      button.addEventListener("click", function () {
        var vote = button.dataset.vote;
        var previous = current();
        press(vote);
        if (vote === "yes") {
          form.hidden = true;
          if (!previous || previous.vote !== "yes") record("yes");
          announce(data.thanksYes, false);
          return;
        }
        // "No" counts at once; the form only adds a reason and a comment to the same vote.
        if (!previous || previous.vote !== "no") record("no");
        announce("", false);
        form.hidden = false;
        form.querySelector("input").focus();
      });
    });

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var checked = form.querySelector("input[name=reason]:checked");
      var text = comment.value.trim().slice(0, MAX_COMMENT);
      record("no", checked ? checked.value : null, text);
      form.hidden = true;
      announce(data.thanksNo, true);
      status.focus();
    });

    comment.addEventListener("input", updateCount);

    var previous = current();
    if (previous) press(previous.vote);
  }

  function init() {
    var root = document.querySelector("[data-hc-feedback]");
    if (root && !root.dataset.hcReady) {
      root.dataset.hcReady = "true";
      setup(root);
    }
    flush();
  }

  window.addEventListener("online", function () {
    failures = 0;
    if (retryTimer !== null) {
      clearTimeout(retryTimer);
      retryTimer = null;
    }
    flush();
  });

  // Material's instant navigation swaps the page without reloading; document$ emits each time.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
