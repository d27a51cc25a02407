// Builds the standard library zip the calculators ship with: only the modules that Pyodide's
// bootstrap and the calculators import, precompiled to .pyc by Pyodide's own CPython (so the
// bytecode magic matches), without docstrings or asserts. With --compiled-wheel it also writes
// the calculators wheel again with .pyc beside each module (asserts kept there). Then it checks
// that the trimmed zip and the compiled wheel still run every calculator exactly like the full
// standard library and the plain wheel.
//
// node tools/pyodide_compile_stdlib.mjs --pyodide DIR --wheel FILE --out FILE
//      [--compiled-wheel FILE] [--report FILE]
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

const { values: args } = parseArgs({
  options: {
    pyodide: { type: "string" },
    wheel: { type: "string" },
    out: { type: "string" },
    "compiled-wheel": { type: "string" },
    report: { type: "string" },
  },
});
for (const name of ["pyodide", "wheel", "out"]) {
  if (!args[name]) throw new Error(`--${name} is required`);
}
const pyodideDir = path.resolve(args.pyodide) + "/";
const { loadPyodide } = await import(pyodideDir + "pyodide.mjs");
const wheel = new Uint8Array(readFileSync(args.wheel));

// The same steps the browser worker takes (worker.js), so that everything it imports is kept:
// the wheel installed by Pyodide's package loader. The worker names it in the site's lock; here
// it is a wheel file, which takes the same install path.
async function start(stdLibURL, wheelPath = path.resolve(args.wheel)) {
  const py = await loadPyodide({ indexURL: pyodideDir, stdLibURL, stdout: () => {}, stderr: () => {} });
  await py.loadPackage(wheelPath, { messageCallback: () => {} });
  if (!py.loadedPackages.calculators) throw new Error(`${wheelPath} did not load`);
  const calculators = py.pyimport("calculators");
  const json = py.pyimport("json");
  const call = (fn, name, inputs) => JSON.parse(json.dumps(calculators[fn](name, json.loads(JSON.stringify(inputs)))));
  const specs = JSON.parse(json.dumps(calculators.specs()));
  return { py, call, specs };
}

const SAMPLE = { count: 3, months: 6, money: "25.00", date: "2026-01-01", money_list: ["10.00", "20.00"] };
const WRONG = { count: "abc", months: -1, money: "1,2,3", date: "2026-02-30", money_list: ["x"] };

// Valid, empty and invalid inputs for every calculator: error paths import modules too.
function exercise({ call, specs }) {
  const outcomes = {};
  for (const [name, spec] of Object.entries(specs)) {
    const valid = {};
    const wrong = {};
    for (const field of spec.fields) {
      valid[field.name] = field.default ?? SAMPLE[field.kind];
      wrong[field.name] = WRONG[field.kind];
    }
    outcomes[name] = [valid, {}, wrong, null, { [spec.fields[0].name]: 1.5 }].map((inputs) => ({
      run: call("run", name, inputs),
      explain: call("explain", name, inputs),
    }));
  }
  return outcomes;
}

const full = await start(undefined);
const expected = exercise(full);
try {
  full.py.runPython("raise ValueError('error path')");
} catch {
  // Only the modules a Python error drags in are wanted here.
}

const pyodideVersion = full.py.version;
full.py.globals.set("out_path", "/tmp/python_stdlib.zip");
const kept = full.py.runPython(`
import importlib._bootstrap_external as bx
import sys, zipfile
from importlib.util import source_hash

STDLIB = next(p for p in sys.path if p.endswith(".zip"))
# Codecs are looked up by name when first used, never imported up front: keep the common ones.
CODECS = {f"encodings/{c}.py" for c in ("aliases", "ascii", "latin_1", "utf_8", "utf_8_sig",
                                        "utf_16", "utf_16_le", "utf_16_be", "utf_32", "cp1252")}

with zipfile.ZipFile(STDLIB) as source:
    names = set(source.namelist())
    wanted = set()
    for module in list(sys.modules.values()):
        origin = getattr(getattr(module, "__spec__", None), "origin", None) or ""
        if origin.startswith(STDLIB + "/"):
            wanted.add(origin[len(STDLIB) + 1:])
    wanted |= CODECS & names
    # Stored, not deflated: deflating entry by entry leaves the zip almost incompressible, while
    # brotli over the whole stored file gets it far smaller on the wire (helpcenter/precompress.py).
    with zipfile.ZipFile(out_path, "w", zipfile.ZIP_STORED) as target:
        for name in sorted(wanted):
            source_text = source.read(name)
            # optimize=2, as python -OO: no docstrings and no asserts, 15 % fewer bytes on the wire
            # (a sourceless .pyc is loaded whatever the interpreter's own level). The check below
            # runs every calculator on the result.
            code = compile(source_text, f"{STDLIB}/{name}", "exec", dont_inherit=True, optimize=2)
            pyc = bx._code_to_hash_pyc(code, source_hash(source_text), checked=False)
            info = zipfile.ZipInfo(name[:-3] + ".pyc", date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_STORED
            target.writestr(info, bytes(pyc))
sorted(wanted)
`).toJs();
const trimmed = full.py.FS.readFile("/tmp/python_stdlib.zip");
writeFileSync(args.out, trimmed);

let checkedWheel = path.resolve(args.wheel);
if (args["compiled-wheel"]) {
  full.py.FS.writeFile("/tmp/plain.whl", wheel);
  // Unchecked hash-based .pyc: the import system uses them without reading the source's mtime,
  // which unpacking the wheel changes. Stored, not deflated, like the standard library zip: the
  // server's brotli over the whole wheel makes it smaller on the wire (helpcenter/precompress.py).
  full.py.runPython(`
import base64, hashlib, sys, zipfile
import importlib._bootstrap_external as bx
from importlib.util import cache_from_source, source_hash

SITE = next(p for p in sys.path if p.endswith("site-packages"))
records = []

def put(target, name, data):
    info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_STORED
    info.external_attr = 0o644 << 16
    target.writestr(info, data)
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    records.append(f"{name},sha256={digest},{len(data)}")

with zipfile.ZipFile("/tmp/plain.whl") as source, \
        zipfile.ZipFile("/tmp/compiled.whl", "w", zipfile.ZIP_STORED) as target:
    record = next(n for n in source.namelist() if n.endswith(".dist-info/RECORD"))
    for name in source.namelist():
        if name == record:
            continue
        data = source.read(name)
        put(target, name, data)
        if name.endswith(".py"):
            code = compile(data, f"{SITE}/{name}", "exec", dont_inherit=True)
            put(target, cache_from_source(name), bytes(bx._code_to_hash_pyc(code, source_hash(data), checked=False)))
    records.append(f"{record},,")
    target.writestr(zipfile.ZipInfo(record, date_time=(2000, 1, 1, 0, 0, 0)), "\\n".join(records) + "\\n")
`);
  checkedWheel = path.resolve(args["compiled-wheel"]);
  writeFileSync(checkedWheel, full.py.FS.readFile("/tmp/compiled.whl"));
}

const check = await start(path.resolve(args.out), checkedWheel);
const actual = exercise(check);
if (JSON.stringify(actual) !== JSON.stringify(expected)) {
  throw new Error("the trimmed standard library or the compiled wheel changes what the calculators answer");
}
if (args["compiled-wheel"]) {
  const fromSource = check.py.runPython(`
import os, sys
from importlib.util import cache_from_source
[name for name, module in sys.modules.items() if name.split(".")[0] == "calculators"
 and not os.path.exists(cache_from_source(module.__file__))]
`).toJs();
  if (fromSource.length) throw new Error(`no .pyc for ${fromSource.join(", ")}`);
}
if (args.report) {
  writeFileSync(args.report, JSON.stringify({ pyodide: pyodideVersion, modules: kept, bytes: trimmed.length }, null, 1));
}
console.log(`${args.out}: ${kept.length} modules, ${trimmed.length} bytes, Pyodide ${pyodideVersion}`);
