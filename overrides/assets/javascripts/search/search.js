// Search in the help center: a reader's question, in the page's language, against that
// language's Pagefind index, shown in Material's search dialog (overrides/partials/search.html).
//
// Customers type sentences, not tags. So a question becomes units: its content words (stop
// words such as "why", "my", "how do I" dropped), and the phrases and words of the synonym
// groups in search/<lang>.yml. Each unit is looked up on its own together with its synonyms
// and, for two words in a row, their closed compound ("dubbel betalning" -> "dubbelbetalning").
// A word that finds nothing is shortened until it does, which forgives typos and endings
// Pagefind's stemmer does not know. An article's score is the sum of its units' best scores,
// scaled by the share of the question's units it matches: the article that answers the whole
// question ranks above articles that merely share a word.
//
// Pagefind itself downloads only the index chunks of the words looked up, in a Web Worker.

const MAX_RESULTS = 10;
const SYNONYM_FACTOR = 0.7;
const JOINED_FACTOR = 0.9;
const SHORTENED_FACTOR = 0.6;
const NUMBER_WEIGHT = 0.5;
const MIN_SHORTENED = 4;
const LONG_WORD = 8;

const dialog = document.querySelector("[data-site-search]");
// The site root, resolved once against the first page: instant navigation keeps this module.
const ROOT = dialog ? siteRoot(dialog.dataset.searchRoot || ".") : null;
const engines = new Map();
let sequence = 0;

/* MkDocs' base_url is "." or ".." on pages and "/" (or "/prefix") on 404 pages. */
function siteRoot(base) {
  return new URL(base.endsWith("/") ? base : `${base}/`, location.href);
}

function parts() {
  const box = document.querySelector("[data-site-search]");
  return {
    box,
    toggle: document.getElementById("__search"),
    input: box.querySelector("[data-search-input]"),
    form: box.querySelector("[data-search-form]"),
    meta: box.querySelector("[data-search-meta]"),
    list: box.querySelector("[data-search-list]"),
    contact: box.querySelector("[data-search-contact]"),
  };
}

function pageLanguage() {
  return (document.documentElement.lang || "en").toLowerCase();
}

/* ---------------------------------------------------------------- the question ---------- */

/* Lower-case words; a word that starts with a digit keeps only its digits ("10:stä" -> "10"). */
export function tokens(text) {
  const out = [];
  for (const chunk of text.toLowerCase().normalize("NFC").split(/\s+/u)) {
    const number = /^\p{N}+/u.exec(chunk);
    if (number) {
      out.push(number[0]);
      continue;
    }
    for (const word of chunk.split(/[^\p{L}\p{N}]+/u)) if (word) out.push(word);
  }
  return out;
}

/* Whether a typed word is an inflected form of a synonym entry's word, or the word itself. */
function sameWord(typed, entry) {
  if (typed === entry) return true;
  if (entry.length >= 4 && typed.startsWith(entry) && typed.length - entry.length <= 4) return true;
  // Inflection may change a word's end, not only extend it (käyttämätön, käyttämättömät).
  let common = 0;
  while (common < typed.length && typed[common] === entry[common]) common++;
  return common >= 5 && entry.length - common <= 3 && typed.length - common <= 5;
}

export function makeAnalyser(words) {
  const stop = new Set(words.stop_words || []);
  // Long stop words are names ("severa") that customers also inflect ("severan", "severaa").
  const inflectedStop = (words.stop_words || []).filter((w) => w.length >= 5);
  const isStop = (typed) => stop.has(typed)
    || inflectedStop.some((w) => typed.startsWith(w) && typed.length - w.length <= 2);
  const entries = [];
  (words.synonyms || []).forEach((group, index) => {
    group.forEach((entry) => entries.push({ index, text: entry, words: tokens(entry) }));
  });
  entries.sort((a, b) => b.words.length - a.words.length);
  // Every entry recognises a customer's word; only entries the articles contain are looked up.
  const lookups = words.expand || words.synonyms || [];

  function entryAt(toks, i) {
    return entries.find((entry) => entry.words.length > 0
      && entry.words.every((w, k) => toks[i + k] !== undefined && sameWord(toks[i + k], w)));
  }

  /* The units of a question: each with what it was typed as and the texts to look up. */
  return function analyse(query) {
    const toks = tokens(query);
    const units = [];
    for (let i = 0; i < toks.length;) {
      const entry = entryAt(toks, i);
      const span = entry ? Math.max(1, entry.words.length) : 1;
      const typed = toks.slice(i, i + span).join(" ");
      i += span;
      if (!entry && isStop(typed)) continue;
      if (typed.length < 2 && !/\p{N}/u.test(typed)) continue;
      const synonyms = entry
        ? lookups[entry.index].filter((s) => s !== entry.text && s !== typed)
        : [];
      // A customer's word the articles never use is fully translated into the authors' words.
      const known = !entry || lookups[entry.index].includes(entry.text);
      units.push({
        typed, synonyms, joined: [], number: /^\p{N}+$/u.test(typed),
        synonymFactor: known ? SYNONYM_FACTOR : 1,
      });
    }
    if (units.length === 0) {
      toks.filter((t) => t.length > 1)
        .forEach((t) => units.push({ typed: t, synonyms: [], joined: [], number: false,
          synonymFactor: SYNONYM_FACTOR }));
    }
    for (let k = 0; k + 1 < units.length; k++) {
      const a = units[k], b = units[k + 1];
      if (a.number || b.number || a.typed.includes(" ") || b.typed.includes(" ")) continue;
      a.joined.push(a.typed + b.typed);
      b.joined.push(a.typed + b.typed);
    }
    return units;
  };
}

/* ---------------------------------------------------------------- the engine ------------ */

function engine(lang) {
  if (!engines.has(lang)) engines.set(lang, startEngine(lang));
  return engines.get(lang);
}

async function startEngine(lang) {
  const bundle = new URL("pagefind/", ROOT);
  const [pagefindModule, words] = await Promise.all([
    import(new URL("pagefind.js", bundle).href),
    fetch(new URL(`words.${lang}.json`, bundle), { credentials: "same-origin" })
      .then((response) => (response.ok ? response.json() : {}))
      .catch(() => ({})),
  ]);
  const pagefind = pagefindModule.createInstance({
    basePath: bundle.pathname,
    baseUrl: ROOT.pathname,
    excerptLength: 0,
    // Each question is a handful of small lookups; on the page's thread they skip a message
    // round trip each, and the index chunks are tiny.
    noWorker: true,
  });
  await pagefind.init();
  return { pagefind, analyse: makeAnalyser(words), pages: words.pages || 1, cache: new Map() };
}

/* Pagefind's scores for one text, by result; memoised per engine. */
function lookup(eng, text) {
  if (!eng.cache.has(text)) {
    eng.cache.set(text, eng.pagefind.search(text).then((response) => {
      const scores = new Map();
      for (const result of (response && response.results) || []) scores.set(result.id, result);
      return scores;
    }));
  }
  return eng.cache.get(text);
}

/* Prefixes of a word that found nothing, longest first, down to half its length. */
function shortened(word) {
  const out = [];
  const floor = Math.max(MIN_SHORTENED, Math.ceil(word.length / 2));
  for (let n = word.length - 1; n >= floor; n--) out.push(word.slice(0, n));
  return out;
}

/* Per result, the unit's best score over what it was typed as, its synonyms and joins. */
async function unitScores(eng, unit) {
  const tries = [[unit.typed, 1]]
    .concat(unit.synonyms.map((s) => [s, unit.synonymFactor]))
    .concat(unit.joined.map((j) => [j, JOINED_FACTOR]));
  // A long word's stem as a prefix too: a typo near its end ("maksumuistutsu") then still finds
  // the word, where Pagefind alone would only guess from its first part.
  if (!unit.number && !unit.typed.includes(" ") && unit.typed.length >= LONG_WORD) {
    tries.push([unit.typed.slice(0, -2), SHORTENED_FACTOR]);
  }
  const found = await Promise.all(tries.map(([text]) => lookup(eng, text)));
  let best = new Map();
  found.forEach((scores, i) => mergeBest(best, scores, tries[i][1]));
  if (best.size === 0 && !unit.number && !unit.typed.includes(" ")) {
    const prefixes = shortened(unit.typed);
    const byPrefix = await Promise.all(prefixes.map((p) => lookup(eng, p)));
    const first = byPrefix.findIndex((scores) => scores.size > 0);
    if (first >= 0) mergeBest(best, byPrefix[first], SHORTENED_FACTOR);
  }
  return best;
}

function mergeBest(best, scores, factor) {
  scores.forEach((result, id) => {
    const score = result.score * factor;
    const known = best.get(id);
    if (!known || known.score < score) best.set(id, { score, result });
  });
}

/* The results of a question, best first: [{score, result}]. */
export async function rank(eng, query) {
  const units = eng.analyse(query);
  const perUnit = await Promise.all(units.map((unit) => unitScores(eng, unit)));
  const total = new Map();
  let possible = 0;
  perUnit.forEach((scores, i) => {
    // A unit found in few articles tells more than one found in all ("invoice", "lasku").
    const idf = Math.sqrt(Math.log(1 + eng.pages / Math.max(1, scores.size)));
    const weight = (units[i].number ? NUMBER_WEIGHT : 1) * idf;
    possible += weight;
    scores.forEach(({ score, result }, id) => {
      const entry = total.get(id) || { sum: 0, matched: 0, result };
      entry.sum += score * weight;
      entry.matched += weight;
      total.set(id, entry);
    });
  });
  return Array.from(total.values())
    .map((entry) => ({ score: entry.sum * (entry.matched / possible), result: entry.result }))
    .sort((a, b) => b.score - a.score);
}

/* For tuning (tests/search/tune.py): a question's units and each unit's best score by URL. */
export async function explain(query, ranking) {
  const eng = await engine(pageLanguage());
  if (ranking) {
    await eng.pagefind.options({ ranking });
    eng.cache.clear();
  }
  const units = eng.analyse(query);
  const perUnit = await Promise.all(units.map((unit) => unitScores(eng, unit)));
  const out = [];
  for (let i = 0; i < units.length; i++) {
    const scores = {};
    for (const { score, result } of perUnit[i].values()) scores[(await result.data()).url] = score;
    out.push({ unit: units[i], scores });
  }
  return out;
}

/* ---------------------------------------------------------------- the dialog ------------ */

function countText(box, count) {
  if (count === 0) return box.dataset.searchNone || "";
  if (count === 1) return box.dataset.searchOne || "1";
  return (box.dataset.searchOther || "#").replace("#", String(count));
}

function resultItem(data) {
  const item = document.createElement("li");
  item.className = "md-search-result__item";
  const link = document.createElement("a");
  link.className = "md-search-result__link";
  link.href = data.url;
  const article = document.createElement("article");
  article.className = "md-search-result__article md-typeset";
  const icon = document.createElement("div");
  icon.className = "md-search-result__icon md-icon";
  const title = document.createElement("h1");
  title.textContent = (data.meta && data.meta.title) || data.url;
  const text = document.createElement("p");
  text.textContent = (data.meta && data.meta.description) || "";
  article.append(icon, title, text);
  link.append(article);
  item.append(link);
  return item;
}

function showPlaceholder() {
  const { box, meta, list, contact } = parts();
  meta.textContent = box.dataset.searchPlaceholder || "";
  list.replaceChildren();
  contact.hidden = true;
}

async function runSearch() {
  const mine = ++sequence;
  const { input } = parts();
  const query = input.value.trim();
  if (!query) {
    showPlaceholder();
    return;
  }
  const eng = await engine(pageLanguage());
  // A reader who types on while a search runs has made it stale: no lookups or result fragments
  // for a list nobody will see, so a slow phone's keys do not pile up work behind the last one.
  if (mine !== sequence) return;
  const ranked = await rank(eng, query);
  if (mine !== sequence) return;
  const top = await Promise.all(ranked.slice(0, MAX_RESULTS).map(({ result }) => result.data()));
  if (mine !== sequence) return;
  const { box, meta, list, contact } = parts();
  meta.textContent = countText(box, ranked.length);
  list.replaceChildren(...top.map(resultItem));
  contact.hidden = ranked.length > 0;
}

function search() {
  runSearch().catch((error) => {
    console.warn("search:", error);
  });
}

function links() {
  return Array.from(parts().list.querySelectorAll("a.md-search-result__link"));
}

function open() {
  const { toggle, input } = parts();
  toggle.checked = true;
  input.focus();
  input.select();
}

function close() {
  const { toggle, input } = parts();
  toggle.checked = false;
  input.blur();
}

function editable(target) {
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement
    || target instanceof HTMLSelectElement || (target && target.isContentEditable);
}

function onKeydown(event) {
  if (event.metaKey || event.ctrlKey || event.altKey || !parts().box) return;
  const { toggle, input } = parts();
  if (!toggle.checked) {
    if (["/", "s", "f"].includes(event.key) && !editable(event.target)) {
      event.preventDefault();
      open();
    }
    return;
  }
  if (event.key === "Escape") {
    event.preventDefault();
    close();
  } else if ((event.key === "ArrowDown" || event.key === "ArrowUp")
      && parts().box.contains(document.activeElement)) {
    const order = [input, ...links()];
    const at = order.indexOf(document.activeElement);
    const step = event.key === "ArrowDown" ? 1 : -1;
    order[(Math.max(0, at) + step + order.length) % order.length].focus();
    event.preventDefault();
  }
}

function setup() {
  if (!dialog) return;
  document.addEventListener("input", (event) => {
    if (event.target.matches && event.target.matches("[data-search-input]")) search();
  });
  document.addEventListener("focusin", (event) => {
    if (event.target.matches && event.target.matches("[data-search-input]")) {
      parts().toggle.checked = true;
      engine(pageLanguage()).catch(() => {});
    }
  });
  document.addEventListener("submit", (event) => {
    if (!event.target.matches || !event.target.matches("[data-search-form]")) return;
    event.preventDefault();
    const first = links()[0];
    if (first) first.click();
  });
  document.addEventListener("reset", (event) => {
    if (!event.target.matches || !event.target.matches("[data-search-form]")) return;
    setTimeout(() => {
      sequence++;
      showPlaceholder();
      parts().input.focus();
    });
  });
  document.addEventListener("keydown", onKeydown);
  // Tabbing out of the dialog closes it, as Material's own search does.
  document.addEventListener("focusout", (event) => {
    const { box, toggle } = parts();
    if (box.contains(event.target) && event.relatedTarget && !box.contains(event.relatedTarget)) {
      toggle.checked = false;
    }
  });
  document.addEventListener("change", (event) => {
    if (event.target && event.target.id === "__search" && !event.target.checked) {
      parts().input.blur();
    }
  });
  showPlaceholder();
}

setup();
