// Runs the calculators package in Pyodide, off the main thread.
// Messages in: {type: "init", indexURL, stdlibURL, wheelURL, lock} once, then {id, name, inputs}.
// Messages out: {type: "ready"} or {type: "failed", error}, then {id, response, explain} per request.
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
    run: (name, inputs) => JSON.parse(calculators.run_json(name, inputs)),
    explain: (name, inputs) => JSON.parse(calculators.explain_json(name, inputs)),
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
    const inputs = JSON.stringify(message.inputs);
    const response = calculators.run(message.name, inputs);
    const explain = response.ok ? calculators.explain(message.name, inputs) : {};
    self.postMessage({ id: message.id, response, explain });
  } catch (error) {
    self.postMessage({ id: message.id, failed: String(error?.message ?? error) });
  }
});
