// Runs the calculators test suite (tests/calculators/) inside real Pyodide on Node, the runtime the
// browser uses, so a rule that behaves differently under WebAssembly fails here and not on a page.
//
// Usage: node tests/pyodide/run_tests.mjs --calculators-wheel FILE --wheels DIR [-- PYTEST_ARGS...]
//   FILE  the calculators wheel built from this checkout (flit_core.wheel)
//   DIR   the test-only wheels pinned in tests/pyodide/requirements.txt (pip download)
// Exits with pytest's exit code.

import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadPyodide } from "pyodide";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const SUITE = "tests/calculators";
const WORKDIR = "/home/pyodide/suite";

function parseArgs(argv) {
  const options = { calculatorsWheel: null, wheels: null, pytestArgs: [] };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === "--") {
      options.pytestArgs = argv.slice(i + 1);
      break;
    } else if (arg === "--calculators-wheel") {
      options.calculatorsWheel = path.resolve(argv[++i]);
    } else if (arg === "--wheels") {
      options.wheels = path.resolve(argv[++i]);
    } else {
      throw new Error(`unknown argument: ${arg}`);
    }
  }
  if (!options.calculatorsWheel || !options.wheels) {
    throw new Error("usage: run_tests.mjs --calculators-wheel FILE --wheels DIR [-- PYTEST_ARGS]");
  }
  return options;
}

// The exact wheel files for the pins, so a stale wheel left in the cache is never loaded.
function pinnedWheels(wheelDir) {
  const pins = readFileSync(path.join(ROOT, "tests/pyodide/requirements.txt"), "utf8")
    .split("\n")
    .map((line) => line.replace(/#.*/, "").trim())
    .filter(Boolean);
  const files = readdirSync(wheelDir).filter((name) => name.endsWith(".whl"));
  return pins.map((pin) => {
    const match = /^([A-Za-z0-9_.-]+)==([^\s;]+)$/.exec(pin);
    if (!match) throw new Error(`not an exact pin: ${pin}`);
    const prefix = `${match[1].toLowerCase().replace(/[-.]+/g, "_")}-${match[2]}-`;
    const file = files.find((name) => name.toLowerCase().startsWith(prefix));
    if (!file) throw new Error(`no wheel for ${pin} in ${wheelDir}: run \`make test-pyodide\``);
    return path.join(wheelDir, file);
  });
}

function copySuite(pyodide, fromDir, toDir) {
  pyodide.FS.mkdirTree(toDir);
  for (const name of readdirSync(fromDir)) {
    const from = path.join(fromDir, name);
    if (statSync(from).isDirectory()) {
      if (name !== "__pycache__") copySuite(pyodide, from, `${toDir}/${name}`);
    } else if (name.endsWith(".py") || name.endsWith(".yml")) {
      pyodide.FS.writeFile(`${toDir}/${name}`, readFileSync(from));
    }
  }
}

function seconds(from, to) {
  return ((to - from) / 1000).toFixed(1);
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const pyodide = await loadPyodide({
    indexURL: path.join(ROOT, "node_modules", "pyodide") + path.sep,
  });
  // Raw writes, not line-batched ones, so pytest's progress dots stay on one line.
  pyodide.setStdout({ write: (bytes) => { process.stdout.write(bytes); return bytes.length; } });
  pyodide.setStderr({ write: (bytes) => { process.stderr.write(bytes); return bytes.length; } });
  const loaded = performance.now();
  const wheels = [options.calculatorsWheel, ...pinnedWheels(options.wheels)];
  await pyodide.loadPackage(wheels, { messageCallback: () => {}, checkIntegrity: false });
  const installed = performance.now();

  // Timings go out before pytest runs, so that pytest's summary stays the last line.
  process.stderr.write(
    `pyodide ${pyodide.version}: started in ${seconds(started, loaded)} s, `
    + `wheels loaded in ${seconds(loaded, installed)} s\n`,
  );

  copySuite(pyodide, path.join(ROOT, SUITE), `${WORKDIR}/${SUITE}`);
  pyodide.globals.set("pytest_args", pyodide.toPy([
    "-p", "no:cacheprovider", "-q", "-ra", SUITE, ...options.pytestArgs,
  ]));
  process.exitCode = await pyodide.runPythonAsync(`
import os, sys
sys.dont_write_bytecode = True
os.chdir(${JSON.stringify(WORKDIR)})
import pytest
int(pytest.main(list(pytest_args)))
`);
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exitCode = 2;
});
