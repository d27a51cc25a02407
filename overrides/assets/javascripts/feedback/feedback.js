/*
 * "Did this answer help?" (overrides/partials/feedback.html).
 *
 * Every vote goes to the outbox of outbox/outbox.js first and is then posted; it stays there
 * until the service has acknowledged it or rejected it for good, and is retried otherwise.
 *
 * A reader has one vote per article and language, with a random id kept in localStorage;
 * changing the vote resends that id with a higher revision, and the service keeps the highest.
 */
(function () {
  "use strict";

  var VOTES_KEY = "hc-feedback.votes"; // "language/article" -> {id, vote, revision}
  var outbox = window.hcOutbox("hc-feedback.outbox", { field: "vote" }); // id -> {endpoint, vote}
  var load = window.hcOutbox.load;
  var save = window.hcOutbox.save;

  function queue(endpoint, vote) {
    outbox.queue(vote.id, endpoint, vote);
  }

  /* The widget */

  function setup(root) {
    var data = root.dataset;
    var maxComment = Number(data.commentMax); // helpcenter/limits.py, through the build
    var slotKey = data.language + "/" + data.article;
    var endpoint = new URL(data.endpoint, location.href).href;
    var buttons = root.querySelectorAll("[data-vote]");
    var form = root.querySelector("form");
    var comment = form.querySelector("textarea");
    var count = root.querySelector("#hc-feedback-count");
    var status = root.querySelector("[role=status]");
    var support = root.querySelector(".hc-feedback__support");

    function current() {
      return load(VOTES_KEY)[slotKey] || null;
    }

    function record(vote, reason, text) {
      var votes = load(VOTES_KEY);
      var slot = votes[slotKey] || { id: window.hcOutbox.randomId(), revision: 0 };
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
        .replace("{max}", String(maxComment));
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
      var text = comment.value.trim().slice(0, maxComment);
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
    outbox.flush();
  }

  // Material's instant navigation swaps the page without reloading; document$ emits each time.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
