// Brings the build-time calculator forms ([data-calculator]) to life. The build already shows the
// result for the article's starting values (data-state="prerendered"); Python takes over when the
// reader changes an input. Python runs in one Web Worker, started on the first page that has a
// calculator; this module lives across Material's instant navigation, so the worker and its loaded
// Python serve every later calculator at once. A worker that fails to start, crashes or stops
// answering is dropped: the calculator says so, and the reader's next input starts a new one.
//
// The figure shown as calculated is always the one for the values in the fields. The reader may
// type before this script runs (the page is still arriving), while Python downloads, or while
// instant navigation swaps an article in: input events then go unseen or cannot be answered yet.
// So nothing is queued from them. The example counts only while every field still holds the value
// the build computed it for (the field's default value); otherwise the result is marked as
// waiting, and when Python is ready every calculator computes from what its fields hold then.
// Generous: on a 1.6 Mbit/s phone connection the runtime alone takes over 20 s to arrive. A worker
// whose script fails reports an error event at once; this only catches one that never answers.
const START_TIMEOUT_MS = 120000;
const CALL_TIMEOUT_MS = 10000;
// Screen readers hear one short summary once the reader pauses, not every keystroke's result.
const SETTLE_MS = 700;

let runtime = null;
// Every calculator set up on this page (and pages reached by instant navigation): all of them hear
// when Python is ready, fails, or reports download progress.
const calculators = new Set();

function everyCalculator(action) {
  for (const calculator of calculators) {
    if (calculator.root.isConnected) action(calculator);
    else calculators.delete(calculator);
  }
}

// `source` carries the runtime's URLs as data-* attributes: a calculator's root element.
function startRuntime(source) {
  if (runtime) return runtime;
  preloadPython();
  const pending = new Map();
  let nextId = 1;
  let worker = null;
  let current = null;
  // Every pending call is answered, and every calculator waiting for Python hears why, so none
  // is left busy.
  const fail = (error) => {
    if (runtime === current) runtime = null;
    worker?.terminate();
    for (const call of pending.values()) call.reject(error);
    pending.clear();
    if (!current.failed) {
      current.failed = true;
      everyCalculator((calculator) => calculator.pythonFailed());
    }
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
      if (message.type === "progress") {
        current.progress = { loaded: message.loaded, total: message.total };
        everyCalculator((calculator) => calculator.progress(current.progress));
      } else if (message.type === "ready") {
        clearTimeout(timer);
        current.started = true;
        // How Python started, for tests and benchmarks: "snapshot" or "started".
        document.documentElement.dataset.calculatorPython = message.restored ? "snapshot" : "started";
        resolve();
        everyCalculator((calculator) => calculator.pythonReady());
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
      // What the worker downloads, to report progress against: [{url, size, br, gzip}].
      downloads: source.dataset.downloads,
      // The known answer a restored snapshot must give; without it no snapshot is used.
      check: source.dataset.snapshot === "off" ? undefined : source.dataset.check,
    });
  });
  ready.catch(fail);
  current = {
    ready,
    started: false,
    failed: false,
    progress: null,
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

// Python writes every line the reader sees, spacing and words included (calculators/tokens.py,
// calculators/messages.py): a part is text to show as it is, or a value to format for the reader.
// Joining is all that happens here: no spacing and no placeholders of the page's own.
function joinParts(parts, value) {
  return parts.map((part) => (typeof part === "string" ? part : value(part))).join("");
}

const numbers = (format) => (token) => format(token.kind, token.value);

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

// A shared link's values go into the fields; the example then no longer holds for them.
function prefill(root, form) {
  const params = new URLSearchParams(location.search);
  if (params.get("calc") !== root.dataset.calculator) return;
  for (const control of form.querySelectorAll("[name][data-kind]")) {
    if (params.has(control.name)) control.value = params.get(control.name);
  }
}

// "1.2 MB", in the page's language (Intl knows the unit's name: "Mt" in Finnish).
function megabytes(locale) {
  const unit = new Intl.NumberFormat(locale, {
    style: "unit",
    unit: "megabyte",
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  return (bytes) => unit.format(bytes / 1e6);
}

function setup(root) {
  const form = root.querySelector("form");
  const controls = [...form.querySelectorAll("[name][data-kind]")];
  const output = root.querySelector(".calculator__output");
  const status = root.querySelector("[data-status]");
  const meter = root.querySelector("[data-progress]");
  const summary = root.querySelector("[data-summary]");
  const lang = root.dataset.lang;
  const locale = root.dataset.locale || lang;
  const format = formatters(locale);
  const mb = megabytes(locale);
  const messages = root.dataset;
  const shareLink = root.querySelector("[data-share-link]");
  const results = [...root.querySelectorAll("[data-result]")];
  const explains = [...root.querySelectorAll("[data-explain]")];
  let latest = 0;
  let settleTimer = 0;

  // The build's example, kept to show again whenever the fields hold its values once more.
  const example =
    root.dataset.state === "prerendered"
      ? { results: results.map((e) => e.textContent), explains: explains.map((e) => e.textContent) }
      : null;
  // A field's default value is the value the build computed the example for.
  const holdsExample = () => example !== null && controls.every((c) => c.value === c.defaultValue);

  prefill(root, form);
  shareLink.href = shareUrl(root, form);

  const setState = (state, text) => {
    root.dataset.state = state;
    output.setAttribute("aria-busy", String(state === "pending" || state === "loading"));
    meter.hidden = state !== "loading";
    if (text !== undefined) status.textContent = text;
  };

  // One sentence for screen readers once input settles: the first result, or what is wrong.
  const announce = (text) => {
    clearTimeout(settleTimer);
    settleTimer = setTimeout(() => (summary.textContent = text), SETTLE_MS);
  };

  const clearResults = () => {
    for (const element of results) element.textContent = "–";
    for (const element of explains) element.textContent = "";
  };

  const showErrors = (errors) => {
    for (const slot of root.querySelectorAll("[data-error-for]")) slot.textContent = "";
    for (const control of controls) control.removeAttribute("aria-invalid");
    for (const error of errors) {
      const field = error.field ?? "";
      const slot = root.querySelector(`[data-error-for="${CSS.escape(field)}"]`) ?? root.querySelector('[data-error-for=""]');
      // The message names the list line itself ("nr 2"): no second number in front of it.
      const text = joinParts(error.parts[lang] ?? error.parts.en, numbers(format));
      slot.textContent = slot.textContent ? `${slot.textContent} ${text}` : text;
      form.querySelector(`[name="${CSS.escape(field)}"]`)?.setAttribute("aria-invalid", "true");
    }
  };

  const failed = () => {
    clearResults();
    setState("failed", messages.msgFailed);
    announce(messages.msgFailed);
  };

  // The downloads Python still needs, as the worker counts them; the <progress> element carries
  // the same text for screen readers, who ask for it rather than hear every step.
  const showProgress = (progress) => {
    if (!progress || !(progress.total > 0)) {
      meter.removeAttribute("value");
      meter.removeAttribute("aria-valuetext");
      status.textContent = `${messages.msgLoading} ${messages.msgWaiting}`;
      return;
    }
    const loaded = Math.min(progress.loaded, progress.total);
    // The sentence as the build cut it: [text, {param: "loaded"}, text, {param: "total"}, text].
    const sizes = { loaded: mb(loaded), total: mb(progress.total) };
    // Everything has arrived: Python itself is starting, which takes seconds on a slow phone.
    const text =
      loaded === progress.total
        ? messages.msgStarting
        : joinParts(JSON.parse(messages.msgLoadingProgress), (slot) => sizes[slot.param]);
    meter.max = progress.total;
    meter.value = loaded;
    meter.setAttribute("aria-valuetext", text);
    status.textContent = `${text} ${messages.msgWaiting}`;
  };

  // Python is not there yet: the example again if the fields hold its values, else no figure
  // until Python computes the reader's own.
  const waitForPython = (python) => {
    if (holdsExample()) {
      results.forEach((element, i) => (element.textContent = example.results[i]));
      explains.forEach((element, i) => (element.textContent = example.explains[i]));
      showErrors([]);
      root.dataset.prerendered = "";
      setState("prerendered", messages.msgExample);
      return;
    }
    delete root.dataset.prerendered;
    clearResults();
    showErrors([]);
    const wasLoading = root.dataset.state === "loading";
    setState("loading");
    showProgress(python.progress);
    if (!wasLoading) announce(messages.msgWaiting);
  };

  const show = (response, startedAt) => {
    delete root.dataset.prerendered;
    if (response.ok) {
      showErrors([]);
      const explain = response.explanation ?? {};
      for (const element of results) {
        const value = response.result[element.dataset.result];
        element.textContent = value === undefined || value === null ? "–" : format(element.dataset.kind, value);
      }
      for (const element of explains) {
        const tokens = explain[element.dataset.explain];
        element.textContent = tokens ? joinParts(tokens, numbers(format)) : "";
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

  // Computes from what the fields hold now. Before Python has started nothing is sent: Python
  // computes every calculator from its fields at the moment it is ready (pythonReady).
  const update = () => {
    const startedAt = performance.now();
    const id = ++latest;
    shareLink.href = shareUrl(root, form);
    const python = startRuntime(root);
    if (!python.started) {
      waitForPython(python);
      return;
    }
    // At once: a status still saying "calculated" would vouch for the previous values' figure.
    // An answer takes milliseconds, so the reader rarely sees this text painted.
    setState("pending", messages.msgCalculating);
    python.call(root.dataset.calculator, readInputs(form), lang).then(
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

  calculators.add({
    root,
    // The example stays current while its values are in the fields; anything else is computed.
    pythonReady() {
      if (root.dataset.state === "prerendered" && holdsExample()) setState("ready", messages.msgReady);
      else update();
    },
    // A calculator waiting for Python cannot give a figure; the example stays, as it is right for
    // the values shown, and the status says why nothing more will happen.
    pythonFailed() {
      if (root.dataset.state === "loading" || root.dataset.state === "pending") failed();
      else if (root.dataset.state === "prerendered") status.textContent = messages.msgFailed;
    },
    progress(progress) {
      if (root.dataset.state === "loading") showProgress(progress);
    },
  });

  // Whatever the fields hold now (the reader may have typed before this script ran, or a shared
  // link filled them): the example if they hold its values, else the reader's own result.
  if (root.dataset.state === "prerendered" && holdsExample()) {
    // Warms Python up for the reader's first change, once the article has what it needs.
    if (runtime?.started) setState("ready", messages.msgReady);
    else whenPageHasLoaded().then(() => startRuntime(root));
  } else {
    update();
  }
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

// Python's 4 MB wait until the article has painted and loaded: on a slow phone link they would
// otherwise share its bandwidth, and the reader came to read. A reader who goes for a calculator
// field starts them at once (focus here; a changed value starts them in update()), and none waits
// longer than PYTHON_AT_THE_LATEST_MS (a stalled image must not hold Python back). The
// prerendered example keeps the page useful meanwhile.
const PYTHON_AT_THE_LATEST_MS = 10000;
const IDLE_TIMEOUT_MS = 2000;
let pageHasLoaded = null;

function whenPageHasLoaded() {
  pageHasLoaded ??= new Promise((resolve) => {
    const idle = () =>
      typeof requestIdleCallback === "function"
        ? requestIdleCallback(() => resolve(), { timeout: IDLE_TIMEOUT_MS })
        : setTimeout(resolve, 0);
    if (document.readyState === "complete") idle();
    else window.addEventListener("load", idle, { once: true });
    setTimeout(resolve, PYTHON_AT_THE_LATEST_MS);
    document.addEventListener(
      "focusin",
      (event) => event.target.matches?.("[data-calculator] [data-kind]") && resolve(),
      { capture: true },
    );
  });
  return pageHasLoaded;
}

// The page's own preloads (partials/calculator-head.html), put into <head> as Python starts, so
// its files download side by side rather than one after another as the worker asks for them.
// A page reached by instant navigation has none: the worker then fetches them itself.
function preloadPython() {
  const preloads = document.querySelector("template[data-calculator-preloads]");
  if (!preloads || preloads.dataset.used !== undefined) return;
  preloads.dataset.used = "";
  document.head.append(preloads.content.cloneNode(true));
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", boot, { once: true });
} else {
  boot();
}

// For tests: the formatting both edges share with the build's Babel (CLDR), and the joining.
export { formatters, joinParts };
