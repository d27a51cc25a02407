// Runs the calculators package in Pyodide, off the main thread.
// Messages in: {type: "init", indexURL, stdlibURL, wheelURL, lock} once, then {id, name, inputs, lang}
// with the raw typed strings and the page's language.
// Messages out: {type: "ready"} or {type: "failed", error}, then {id, response} per request, where
// response is calculators.calculate(): the result and its explanation, or the errors.
let ready = null;

async function start({ indexURL, stdlibURL, wheelURL, lock }) {
  // The wheel downloads while Pyodide boots.
  const wheel = fetch(wheelURL).then((response) => {
    if (!response.ok) throw new Error(`${wheelURL}: HTTP ${response.status}`);
    return response.arrayBuffer();
  });
  const { loadPyodide } = await import(indexURL + "pyodide.mjs");
  const pyodide = await loadPyodide({
    indexURL,
    stdLibURL: stdlibURL,
    // The calculators need no package from Pyodide's index: skipping the full lock file saves a
    // download and a parse.
    lockFileContents: lock,
    packageBaseUrl: indexURL,
    stdout: () => {},
    stderr: () => {},
  });
  pyodide.unpackArchive(await wheel, "wheel");
  const calculators = pyodide.pyimport("calculators");
  return {
    calculate: (name, inputs, lang) => JSON.parse(calculators.calculate_json(name, inputs, lang)),
  };
}

self.addEventListener("message", async (event) => {
  const message = event.data;
  if (message.type === "init") {
    if (!ready) {
      ready = start(message);
      ready.then(
        () => self.postMessage({ type: "ready" }),
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
