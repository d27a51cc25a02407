// Brings the build-time calculator forms ([data-calculator]) to life. The build already shows the
// result for the article's starting values (data-state="prerendered"); Python takes over when the
// reader changes an input. Python runs in one Web Worker, started on the first page that has a
// calculator; this module lives across Material's instant navigation, so the worker and its loaded
// Python serve every later calculator at once. A worker that fails to start, crashes or stops
// answering is dropped: the calculator says so, and the reader's next input starts a new one.
// Generous: on a 1.6 Mbit/s phone connection the runtime alone takes over 20 s to arrive. A worker
// whose script fails reports an error event at once; this only catches one that never answers.
const START_TIMEOUT_MS = 120000;
const CALL_TIMEOUT_MS = 10000;
// Only a slow answer changes the status text; the result is marked stale at once either way.
const CALCULATING_DELAY_MS = 150;
// Screen readers hear one short summary once the reader pauses, not every keystroke's result.
const SETTLE_MS = 700;

let runtime = null;

// `source` carries the runtime's URLs as data-* attributes: the early <script> in <head> on a
// calculator page, or the calculator's root element after instant navigation.
function startRuntime(source) {
  if (runtime) return runtime;
  const pending = new Map();
  let nextId = 1;
  let worker = null;
  let current = null;
  // Every pending call is answered, so no calculator is left busy.
  const fail = (error) => {
    if (runtime === current) runtime = null;
    worker?.terminate();
    for (const call of pending.values()) call.reject(error);
    pending.clear();
  };
  const ready = new Promise((resolve, reject) => {
    if (typeof Worker === "undefined" || typeof WebAssembly === "undefined") {
      reject(new Error("no Web Worker or WebAssembly"));
      return;
    }
    const base = new URL(source.dataset.pyodide, document.baseURI);
    try {
      worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
    } catch (error) {
      reject(error);
      return;
    }
    const timer = setTimeout(() => reject(new Error("Pyodide did not start in time")), START_TIMEOUT_MS);
    worker.addEventListener("message", (event) => {
      const message = event.data;
      if (message.type === "ready") {
        clearTimeout(timer);
        // How Python started, for tests and benchmarks: "snapshot" or "started".
        document.documentElement.dataset.calculatorPython = message.restored ? "snapshot" : "started";
        resolve();
      } else if (message.type === "failed") {
        clearTimeout(timer);
        reject(new Error(message.error));
      } else {
        const call = pending.get(message.id);
        pending.delete(message.id);
        if (!call) return;
        if (message.failed) call.reject(new Error(message.failed));
        else call.resolve(message.response);
      }
    });
    // A script that fails to load, or a crash after start (out of memory, say).
    worker.addEventListener("error", (event) => {
      clearTimeout(timer);
      const error = new Error(event.message || "worker error");
      reject(error);
      fail(error);
    });
    worker.postMessage({
      type: "init",
      indexURL: base.href,
      stdlibURL: new URL(source.dataset.stdlib, base).href,
      wheelURL: new URL(source.dataset.wheel, base).href,
      lock: source.dataset.lock,
      // The known answer a restored snapshot must give; without it no snapshot is used.
      check: source.dataset.snapshot === "off" ? undefined : source.dataset.check,
    });
  });
  ready.catch(fail);
  current = {
    ready,
    call(name, inputs, lang) {
      return ready.then(
        () =>
          new Promise((resolve, reject) => {
            const id = nextId++;
            const timer = setTimeout(() => fail(new Error("no answer from Python")), CALL_TIMEOUT_MS);
            const done = (settle) => (value) => {
              clearTimeout(timer);
              settle(value);
            };
            pending.set(id, { resolve: done(resolve), reject: done(reject) });
            worker.postMessage({ id, name, inputs, lang });
          }),
      );
    },
  };
  runtime = current;
  return runtime;
}

// Intl formats with the CLDR locale the build's Babel used for the prerendered result.
function formatters(locale) {
  const money = new Intl.NumberFormat(locale, { style: "currency", currency: "EUR" });
  const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const quantity = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" });
  const list = new Intl.ListFormat(locale, { type: "unit", style: "short" });
  const one = (kind, value) => {
    switch (kind) {
      case "money":
        return money.format(value);
      case "quantity":
        return quantity.format(value);
      case "count":
      case "months":
        return count.format(value);
      case "date":
        return date.format(new Date(`${value}T00:00:00Z`));
      default:
        return String(value);
    }
  };
  return (kind, value) => (kind === "money_list" ? list.format(value.map((v) => one("money", v))) : one(kind, value));
}

// "3 × 25,00 € × 6 × 108/181": operators spaced, except a fraction's slash and inside brackets.
function explanation(tokens, format) {
  let text = "";
  let previous = null;
  for (const token of tokens) {
    const part = typeof token === "string" ? token : format(token.kind, token.value);
    const tight = previous === null || previous === "(" || previous === "/" || token === "/" || token === ")";
    text += (tight ? "" : " ") + part;
    previous = token;
  }
  return text;
}

// A message's {placeholders} stand for tokens, formatted like the explanations' numbers. A message
// whose words follow a number brings its forms by CLDR plural category ("plural"); CLDR's rules
// for the page's locale (Intl.PluralRules) choose one, as Babel does in the build.
function fillMessage(error, lang, format, locale) {
  const forms = error.plural?.forms?.[lang];
  const number = error.plural && error.params?.[error.plural.param];
  const category = forms && number ? new Intl.PluralRules(locale).select(Number(number.value)) : null;
  const chosen = category && (forms[category] ?? forms.other);
  const template = chosen ?? error.message[lang] ?? error.message.en;
  return template.replace(/\{([a-z_]+)\}/g, (whole, key) => {
    const token = error.params?.[key];
    if (!token) return whole;
    return token.kind === "text" ? token.value : format(token.kind, token.value);
  });
}

// What the reader typed goes to Python as typed, with the page's language: the one input grammar
// (calculators/typed.py) reads it.
function readInputs(form) {
  const inputs = {};
  for (const control of form.querySelectorAll("[name][data-kind]")) inputs[control.name] = control.value;
  return inputs;
}

function shareUrl(root, form) {
  const params = new URLSearchParams({ calc: root.dataset.calculator });
  for (const control of form.querySelectorAll("[name][data-kind]")) {
    if (control.value.trim() !== "") params.set(control.name, control.value);
  }
  return `${location.pathname}?${params}#${root.id}`;
}

// True when a shared link changed a value, so the prerendered result no longer matches.
function prefill(root, form) {
  const params = new URLSearchParams(location.search);
  if (params.get("calc") !== root.dataset.calculator) return false;
  let changed = false;
  for (const control of form.querySelectorAll("[name][data-kind]")) {
    if (params.has(control.name) && params.get(control.name) !== control.value) {
      control.value = params.get(control.name);
      changed = true;
    }
  }
  return changed;
}

function setup(root) {
  const form = root.querySelector("form");
  const output = root.querySelector(".calculator__output");
  const status = root.querySelector("[data-status]");
  const summary = root.querySelector("[data-summary]");
  const lang = root.dataset.lang;
  const format = formatters(root.dataset.locale || lang);
  const messages = root.dataset;
  const shareLink = root.querySelector("[data-share-link]");
  let latest = 0;
  let slowTimer = 0;
  let settleTimer = 0;

  const changed = prefill(root, form);
  shareLink.href = shareUrl(root, form);

  const setState = (state, text) => {
    root.dataset.state = state;
    output.setAttribute("aria-busy", String(state === "pending" || state === "loading"));
    if (text !== undefined) status.textContent = text;
  };

  // One sentence for screen readers once input settles: the first result, or what is wrong.
  const announce = (text) => {
    clearTimeout(settleTimer);
    settleTimer = setTimeout(() => (summary.textContent = text), SETTLE_MS);
  };

  const clearResults = () => {
    for (const element of root.querySelectorAll("[data-result]")) element.textContent = "–";
    for (const element of root.querySelectorAll("[data-explain]")) element.textContent = "";
  };

  const showErrors = (errors) => {
    for (const slot of root.querySelectorAll("[data-error-for]")) slot.textContent = "";
    for (const control of form.querySelectorAll("[name]")) control.removeAttribute("aria-invalid");
    for (const error of errors) {
      const field = error.field ?? "";
      const slot = root.querySelector(`[data-error-for="${CSS.escape(field)}"]`) ?? root.querySelector('[data-error-for=""]');
      // The message names the list line itself ("nr 2"): no second number in front of it.
      const text = fillMessage(error, lang, format, root.dataset.locale || lang);
      slot.textContent = slot.textContent ? `${slot.textContent} ${text}` : text;
      form.querySelector(`[name="${CSS.escape(field)}"]`)?.setAttribute("aria-invalid", "true");
    }
  };

  const failed = () => {
    clearTimeout(slowTimer);
    clearResults();
    setState("failed", messages.msgFailed);
    announce(messages.msgFailed);
  };

  const show = (response, startedAt) => {
    clearTimeout(slowTimer);
    delete root.dataset.prerendered;
    if (response.ok) {
      showErrors([]);
      const explain = response.explanation ?? {};
      for (const element of root.querySelectorAll("[data-result]")) {
        const value = response.result[element.dataset.result];
        element.textContent = value === undefined || value === null ? "–" : format(element.dataset.kind, value);
      }
      for (const element of root.querySelectorAll("[data-explain]")) {
        const tokens = explain[element.dataset.explain];
        element.textContent = tokens ? explanation(tokens, format) : "";
      }
      setState("ready", messages.msgReady);
      const first = root.querySelector("[data-result-row]");
      announce(`${first.querySelector("dt").textContent}: ${first.querySelector("output").textContent}`);
    } else {
      clearResults();
      showErrors(response.errors);
      setState("invalid", messages.msgFixErrors);
      announce(messages.msgFixErrors);
    }
    root.dispatchEvent(
      new CustomEvent("calculator:result", { bubbles: true, detail: { startedAt, renderedAt: performance.now() } }),
    );
  };

  const update = () => {
    const startedAt = performance.now();
    const id = ++latest;
    const inputs = readInputs(form);
    shareLink.href = shareUrl(root, form);
    const loading = !runtime || root.dataset.state === "loading" || root.dataset.state === "failed";
    setState(loading ? "loading" : "pending", loading ? messages.msgLoading : undefined);
    clearTimeout(slowTimer);
    if (!loading) slowTimer = setTimeout(() => (status.textContent = messages.msgCalculating), CALCULATING_DELAY_MS);
    startRuntime(root)
      .call(root.dataset.calculator, inputs, lang)
      .then(
        (response) => id === latest && show(response, startedAt),
        () => id === latest && failed(),
      );
  };

  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("input", update);
  root.querySelector("[data-share-copy]").addEventListener("click", async () => {
    const url = shareUrl(root, form);
    history.replaceState(history.state, "", url);
    const done = root.querySelector("[data-share-status]");
    try {
      await navigator.clipboard.writeText(new URL(url, location.href).href);
      done.textContent = messages.msgCopied;
    } catch {
      // Without clipboard access the address bar now holds the link.
      done.textContent = "";
    }
  });

  if (root.dataset.state !== "prerendered" || changed) {
    update();
    return;
  }
  // The build's result is current: warm Python up for the reader's first change. If it cannot
  // start, the example stays (it is right for the values shown) and the status says so.
  startRuntime(root).ready.then(
    () => root.dataset.state === "prerendered" && setState("ready"),
    () => root.dataset.state === "prerendered" && (status.textContent = messages.msgFailed),
  );
}

function init() {
  for (const root of document.querySelectorAll("[data-calculator]:not([data-bound])")) {
    root.dataset.bound = "";
    setup(root);
  }
}

function boot() {
  if (window.document$) {
    window.document$.subscribe(init);
  } else {
    init();
  }
}

// Loading Pyodide keeps both cores of a small machine busy: the article's text paints first.
// The downloads themselves started from <head> (partials/calculator-head.html).
function afterFirstPaint(callback) {
  let done = false;
  const run = () => {
    if (!done) {
      done = true;
      callback();
    }
  };
  try {
    new PerformanceObserver((list, observer) => {
      if (list.getEntriesByName("first-contentful-paint").length) {
        observer.disconnect();
        run();
      }
    }).observe({ type: "paint", buffered: true });
  } catch {
    run();
    return;
  }
  // A tab opened in the background does not paint.
  setTimeout(run, 1000);
}

const early = document.querySelector("script[data-calculator-runtime]");
if (early) afterFirstPaint(() => startRuntime(early).ready.catch(() => {}));
if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", boot, { once: true });
} else {
  boot();
}

// For tests: the formatting both edges share with the build's Babel (CLDR).
export { explanation, formatters };
