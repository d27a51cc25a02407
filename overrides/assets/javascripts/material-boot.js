/*
 * Material's inline partial scripts, moved to one same-origin file so the
 * Content-Security-Policy can forbid inline scripts. Each partial includes
 * this file with data-md-partial naming the job; it runs synchronously at the
 * same spot in the document as Material's inline original did.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var partial = script ? script.dataset.mdPartial : undefined;

  function base() {
    var scope = new URL(script.dataset.mdScope || ".", location);
    window.__md_scope = scope;
    window.__md_hash = function (value) {
      return Array.prototype.reduce.call(value, function (hash, char) {
        return (hash << 5) - hash + char.charCodeAt(0);
      }, 0);
    };
    window.__md_get = function (key, storage, base) {
      storage = storage || localStorage;
      base = base || window.__md_scope;
      return JSON.parse(storage.getItem(base.pathname + "." + key));
    };
    window.__md_set = function (key, value, storage, base) {
      storage = storage || localStorage;
      base = base || window.__md_scope;
      try {
        storage.setItem(base.pathname + "." + key, JSON.stringify(value));
      } catch (err) {
        /* Storage full or disabled: the preference is simply not kept. */
      }
    };
  }

  function announce() {
    var el = document.querySelector("[data-md-component=announce]");
    if (el) {
      var content = el.querySelector(".md-typeset");
      if (__md_hash(content.innerHTML) === __md_get("__announce")) el.hidden = true;
    }
  }

  function outdated() {
    var el = document.querySelector("[data-md-component=outdated]");
    var base = new URL(script.dataset.mdBase || ".", location);
    if (__md_get("__outdated", sessionStorage, base) === true && el) el.hidden = false;
  }

  function palette() {
    var saved = __md_get("__palette");
    if (!(saved && saved.color)) return;
    if (saved.color.media === "(prefers-color-scheme)") {
      var light = matchMedia("(prefers-color-scheme: light)").matches;
      var input = document.querySelector(light
        ? "[data-md-color-media='(prefers-color-scheme: light)']"
        : "[data-md-color-media='(prefers-color-scheme: dark)']");
      saved.color.media = input.getAttribute("data-md-color-media");
      saved.color.scheme = input.getAttribute("data-md-color-scheme");
      saved.color.primary = input.getAttribute("data-md-color-primary");
      saved.color.accent = input.getAttribute("data-md-color-accent");
    }
    Object.keys(saved.color).forEach(function (key) {
      document.body.setAttribute("data-md-color-" + key, saved.color[key]);
    });
  }

  function content() {
    /* hooks/html_conformance.py drops Material's invalid autocomplete="off" on
       these toggles; clearing them on first load stops a browser restoring an
       open drawer or search. Instant navigation reruns this job: leave them. */
    if (document.readyState === "loading") {
      document.querySelectorAll("input.md-toggle").forEach(function (toggle) {
        toggle.checked = false;
      });
    }
    if (script.dataset.mdTabsLink === "true") {
      var tabs = __md_get("__tabs");
      if (Array.isArray(tabs)) {
        document.querySelectorAll(".tabbed-set").forEach(function (set) {
          var labels = set.querySelector(".tabbed-labels");
          tabs.some(function (tab) {
            return Array.prototype.some.call(labels.getElementsByTagName("label"), function (label) {
              if (label.innerText.trim() !== tab) return false;
              document.getElementById(label.htmlFor).checked = true;
              return true;
            });
          });
        });
      }
    }
    var target = document.getElementById(location.hash.slice(1));
    if (target && target.name) target.checked = target.name.startsWith("__tabbed_");
  }

  function consent() {
    var form = document.forms.consent;
    var saved = __md_get("__consent");
    if (saved) {
      Array.prototype.forEach.call(form.elements, function (input) {
        if (input.name) input.checked = saved[input.name] || false;
      });
    } else if (location.protocol !== "file:") {
      setTimeout(function () {
        document.querySelector("[data-md-component=consent]").hidden = false;
      }, 250);
    }
    ["submit", "reset"].forEach(function (action) {
      form.addEventListener(action, function (ev) {
        ev.preventDefault();
        if (ev.type === "reset") {
          Array.prototype.forEach.call(form.elements, function (input) {
            if (input.name) input.checked = false;
          });
        }
        var accepted = {};
        Array.from(new FormData(form).keys()).forEach(function (key) { accepted[key] = true; });
        __md_set("__consent", accepted);
        location.hash = "";
        location.reload();
      });
    });
  }

  var jobs = { base: base, announce: announce, outdated: outdated, palette: palette, content: content, consent: consent };
  if (partial && Object.prototype.hasOwnProperty.call(jobs, partial)) jobs[partial]();
})();
