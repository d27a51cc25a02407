// Runs the calculators package in Pyodide, off the main thread.
// Messages in: {type: "init", indexURL, stdlibURL, wheelURL, lock, check, downloads} once, then
// {id, name, inputs, lang} with the raw typed strings and the page's language.
// Messages out: {type: "progress", loaded, total} while Python downloads (bytes on the wire), then
// {type: "ready"} or {type: "failed", error}, then {id, response} per request, where response is
// calculators.calculate(): the result and its explanation, or the errors.
//
// The calculators are a package of the site's own lock file (`lock`, written by pyodide-build):
// loadPackage fetches the wheel with the lock's sha256 as the fetch's integrity, so a wheel whose
// bytes differ is refused before any of it is installed or run.
//
// Repeat visits: after a normal start the worker keeps a memory snapshot of the started
// interpreter in Cache Storage and later restores from it. Pyodide only
// checks its own build id, so the key holds the stdlib's and the wheel's URLs, which carry their
// content hash, and every restore must give the build's known answer (`check`) before it is used.
// Anything wrong (no Cache Storage, a stale or broken snapshot, a wrong answer) means a normal start.
const SNAPSHOTS = "calculators-python-snapshot";
const SNAPSHOT_AFTER_MS = 1500;
const PROGRESS_EVERY_MS = 250;
let ready = null;

// Counts the bytes of Python's downloads as they arrive, for the reader waiting on a slow link.
// The build lists each file with its size and its bytes per encoding; the first response says
// which encoding this browser gets. A file fetch()ed (the wasm, the standard library, the wheel)
// is counted as it streams, on a clone, so Pyodide gets the response itself; a module import
// (pyodide.mjs, pyodide.asm.mjs) counts when Resource Timing reports it done, with its exact size.
// The page hears of a finished file at once, other steps at most every PROGRESS_EVERY_MS.
function watchDownloads(indexURL, listed, report) {
  const files = new Map(
    listed.map((file) => [new URL(file.url, indexURL).href, { ...file, received: 0, wire: null, done: false }]),
  );
  let encoding = "br";
  let timer = 0;
  const send = () => {
    clearTimeout(timer);
    timer = 0;
    let loaded = 0;
    let total = 0;
    for (const file of files.values()) {
      const wire = file.wire ?? file[encoding] ?? file.size;
      total += wire;
      loaded += file.done ? wire : wire * Math.min(1, file.received / file.size);
    }
    report(Math.round(loaded), total);
  };
  const soon = () => (timer ||= setTimeout(send, PROGRESS_EVERY_MS));

  const finished = (entries) => {
    for (const entry of entries) {
      const file = files.get(entry.name);
      if (!file || file.done) continue;
      file.done = true;
      if (entry.encodedBodySize > 0) file.wire = entry.encodedBodySize;
      send();
    }
  };
  try {
    const observer = new PerformanceObserver((list) => finished(list.getEntries()));
    observer.observe({ type: "resource", buffered: true });
  } catch {
    // No Resource Timing: fetched files still count as they stream.
  }

  const plainFetch = self.fetch.bind(self);
  self.fetch = async (input, init) => {
    const response = await plainFetch(input, init);
    const file = files.get(response.url);
    if (!file || !response.ok || !response.body) return response;
    const coding = response.headers.get("Content-Encoding");
    const length = Number(response.headers.get("Content-Length"));
    encoding = coding === "br" || coding === "gzip" ? coding : "identity";
    if (length > 0) file.wire = length;
    const reader = response.clone().body.getReader();
    (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        file.received += value.byteLength;
        soon();
      }
      // At once: the last file's end is followed by Python's start, which keeps this thread busy.
      file.done = true;
      send();
    })().catch(() => {});
    return response;
  };
  send();
}

function snapshotKey({ indexURL, stdlibURL, wheelURL }) {
  const params = new URLSearchParams({ runtime: indexURL, stdlib: stdlibURL, wheel: wheelURL });
  return new URL(`calculators-snapshot?${params}`, indexURL).href;
}

async function cachedSnapshot(key) {
  try {
    const cache = await caches.open(SNAPSHOTS);
    const response = await cache.match(key);
    return response ? new Uint8Array(await response.arrayBuffer()) : null;
  } catch {
    return null;
  }
}

function snapshotOf(pyodide) {
  try {
    return pyodide.makeMemorySnapshot();
  } catch {
    return null; // A snapshot is an optimisation only.
  }
}

async function keepSnapshot(key, bytes) {
  try {
    const cache = await caches.open(SNAPSHOTS);
    // One snapshot per origin: older keys are older builds.
    for (const old of await cache.keys()) await cache.delete(old);
    await cache.put(key, new Response(bytes, { headers: { "Content-Type": "application/octet-stream" } }));
  } catch {
    // A snapshot is an optimisation only.
  }
}

async function forgetSnapshot(key) {
  try {
    await (await caches.open(SNAPSHOTS)).delete(key);
  } catch {
    // Nothing to forget.
  }
}

async function boot(loadPyodide, options, check, snapshot, makeSnapshot) {
  const pyodide = await loadPyodide(snapshot ? { ...options, _loadSnapshot: snapshot } : { ...options, _makeSnapshot: true });
  // Pyodide cannot snapshot an interpreter that has loaded a package: the snapshot is taken first.
  const made = makeSnapshot ? snapshotOf(pyodide) : null;
  // Files are not part of a snapshot either: the package is installed, and checked, every time.
  const refused = [];
  await pyodide.loadPackage("calculators", { messageCallback: () => {}, errorCallback: (line) => refused.push(line) });
  if (!pyodide.loadedPackages.calculators) throw new Error(`calculators not loaded: ${refused.join(" ")}`);
  const calculators = pyodide.pyimport("calculators");
  const calculate = (name, inputs, lang) => JSON.parse(calculators.calculate_json(name, inputs, lang));
  if (check && calculators.calculate_json(check.name, JSON.stringify(check.inputs), null) !== check.expected) {
    throw new Error("known-answer check failed");
  }
  return { calculate, made };
}

async function start({ indexURL, stdlibURL, wheelURL, lock, check, downloads }) {
  if (downloads) {
    watchDownloads(indexURL, JSON.parse(downloads), (loaded, total) =>
      self.postMessage({ type: "progress", loaded, total }),
    );
  }
  const { loadPyodide } = await import(indexURL + "pyodide.mjs");
  const options = {
    indexURL,
    stdLibURL: stdlibURL,
    // The site's lock, in the page: the calculators only, and no download. The wheel's file_name is
    // relative to indexURL; <head> preloaded it, so loadPackage finds it in the HTTP cache.
    lockFileContents: lock,
    packageBaseUrl: indexURL,
    stdout: () => {},
    stderr: () => {},
  };
  const expected = check ? JSON.parse(check) : null;
  const useSnapshots = typeof caches !== "undefined" && expected !== null;
  const key = snapshotKey({ indexURL, stdlibURL, wheelURL });
  const snapshot = useSnapshots ? await cachedSnapshot(key) : null;
  if (snapshot) {
    try {
      const restored = await boot(loadPyodide, options, expected, snapshot, false);
      return { calculate: restored.calculate, restored: true };
    } catch {
      await forgetSnapshot(key);
    }
  }
  const started = await boot(loadPyodide, options, expected, null, useSnapshots);
  if (started.made) setTimeout(() => keepSnapshot(key, started.made), SNAPSHOT_AFTER_MS);
  return { calculate: started.calculate, restored: false };
}

self.addEventListener("message", async (event) => {
  const message = event.data;
  if (message.type === "init") {
    if (!ready) {
      ready = start(message);
      ready.then(
        ({ restored }) => self.postMessage({ type: "ready", restored }),
        (error) => self.postMessage({ type: "failed", error: String(error?.message ?? error) }),
      );
    }
    return;
  }
  try {
    const calculators = await ready;
    const response = calculators.calculate(message.name, JSON.stringify(message.inputs), message.lang);
    self.postMessage({ id: message.id, response });
  } catch (error) {
    self.postMessage({ id: message.id, failed: String(error?.message ?? error) });
  }
});
