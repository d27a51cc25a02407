/*
 * An outbox in localStorage for what the reader's browser sends to the feedback service:
 * votes (feedback/feedback.js) and search reports (insights/search-insights.js).
 *
 * An item leaves the outbox only when the service has acknowledged it (2xx) or rejected it for
 * good (a 4xx other than 408/429). Anything else (offline, network error, 5xx, 429) stays and
 * is retried on the `online` event, on the next page load and with exponential backoff.
 * Items are keyed by id: queueing an id again replaces the waiting item (a changed vote, an
 * opened search result), and an item changed while its request was in flight is sent again.
 *
 *   var outbox = hcOutbox("hc-search-insights.outbox", {limit: 50});  // items {endpoint, body}
 *   var votes = hcOutbox("hc-feedback.outbox", {field: "vote"});       // items {endpoint, vote}
 *   outbox.queue(id, endpoint, body);   outbox.flush();   hcOutbox.randomId();
 *   hcOutbox.load(key) / hcOutbox.save(key, object): the same storage, with its fallbacks.
 */
(function () {
  "use strict";

  if (window.hcOutbox) return; // instant navigation may run the script again

  var MAX_BACKOFF_MS = 5 * 60 * 1000;
  var outboxes = {};

  var storageWorks = (function () {
    try {
      localStorage.setItem("hc-outbox.probe", "1");
      localStorage.removeItem("hc-outbox.probe");
      return true;
    } catch (err) {
      return false;
    }
  })();
  var memory = {};

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
      // Storage full: the in-memory copy still lets this page view send.
      storageWorks = false;
    }
  }

  function send(item, body) {
    return fetch(item.endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
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
          console.warn("Rejected by " + item.endpoint + " (" + response.status +
                       "), not retrying: " + text);
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

  function Outbox(key, limit, field) {
    this.key = key;
    this.limit = limit;
    this.field = field; // where an item keeps what is posted
    this.flushing = false;
    this.retryTimer = null;
    this.failures = 0;
  }

  Outbox.prototype.forget = function (id, item) {
    var items = load(this.key);
    var queued = items[id];
    var field = this.field;
    if (queued && JSON.stringify(queued[field]) === JSON.stringify(item[field])) {
      delete items[id];
      save(this.key, items);
    }
  };

  Outbox.prototype.scheduleRetry = function () {
    var self = this;
    if (self.retryTimer !== null) return;
    var delay = Math.min(MAX_BACKOFF_MS, 1000 * Math.pow(2, self.failures));
    self.failures += 1;
    self.retryTimer = setTimeout(function () {
      self.retryTimer = null;
      self.flush();
    }, delay * (0.75 + Math.random() / 2));
  };

  Outbox.prototype.flush = function () {
    var self = this;
    if (self.flushing) return;
    var items = load(self.key);
    var ids = Object.keys(items);
    if (!ids.length) return;
    self.flushing = true;
    var retry = false;
    ids.reduce(function (previous, id) {
      var item = items[id];
      return previous.then(function () {
        return send(item, item[self.field]).then(function (result) {
          if (result === "retry") retry = true;
          else self.forget(id, item);
        });
      });
    }, Promise.resolve()).then(function () {
      self.flushing = false;
      if (retry) {
        self.scheduleRetry();
        return;
      }
      self.failures = 0;
      if (Object.keys(load(self.key)).length) self.flush();
    });
  };

  Outbox.prototype.queue = function (id, endpoint, body) {
    var items = load(this.key);
    var item = { endpoint: endpoint };
    item[this.field] = body;
    items[id] = item;
    var ids = Object.keys(items);
    for (var i = 0; i < ids.length - this.limit; i++) delete items[ids[i]];
    save(this.key, items);
    this.retryNow();
  };

  Outbox.prototype.retryNow = function () {
    this.failures = 0;
    if (this.retryTimer !== null) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
    this.flush();
  };

  window.hcOutbox = function (key, options) {
    if (!outboxes[key]) {
      options = options || {};
      outboxes[key] = new Outbox(key, options.limit || Infinity, options.field || "body");
    }
    return outboxes[key];
  };

  window.hcOutbox.load = load;
  window.hcOutbox.save = save;

  window.hcOutbox.randomId = function () {
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
  };

  window.addEventListener("online", function () {
    Object.keys(outboxes).forEach(function (key) { outboxes[key].retryNow(); });
  });
})();
