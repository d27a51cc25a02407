/*
 * Search worker: Material's own worker, fed with this page's language index and an
 * expanded query.
 *
 * Material's worker matches every query word as a prefix of the indexed (stemmed)
 * words, without stemming the query, so "fakturan" never finds "faktura" and a typo
 * finds nothing. Before Material runs a query, each word becomes a set of clauses:
 * the word, its stem and shortened forms as prefixes, and, for a longer word that
 * the articles do not contain, the articles' words one typo away from it (letter
 * wrong, missing, extra or two swapped). Stop words are dropped. Results are then
 * ordered by how many of the user's words an article matches, then by Material's
 * score, so that an article matching every word comes first. Queries with lunr
 * syntax (a leading + or -, or ~ ^ * : ") are passed on unchanged.
 *
 * Parameters come from this script's URL (set by hooks/search_index.py):
 * lang, index (the language's index, relative to the site root), material (the
 * file name of Material's worker).
 */
"use strict";

var params = new URLSearchParams(self.location.search);
var LANG = params.get("lang") || "en";
var INDEX = params.get("index") || "search/search_index.json";
var MATERIAL = params.get("material") || "";
var SITE_ROOT = new URL("../../../", self.location.href);
var SETUP = 0;
var QUERY = 2;
var RESULT = 3;
var TYPO_MIN = 5;
var SYNTAX = /(^|\s)[+\-]|[~^*:"]/;

var separator = /[\s\-]+/;
var materialListener = null;
var lastExpansion = null;
var vocabulary = new Set();

/* Material's worker registers its message listener at load: keep it to call it ourselves. */
var addListener = self.addEventListener.bind(self);
self.addEventListener = function (type, listener, options) {
  if (type === "message" && materialListener === null) {
    materialListener = listener;
    return;
  }
  addListener(type, listener, options);
};

/* Material's worker answers with the global postMessage: results pass through here. */
var post = self.postMessage.bind(self);
self.postMessage = function (message) {
  if (message && message.type === RESULT && lastExpansion)
    message.data.items = rerank(message.data.items, lastExpansion);
  post(message);
};

/* Articles matching more of the user's words first; Material's order otherwise. */
function rerank(groups, expansion) {
  var ranked = groups.map(function (group, position) {
    var covered = {};
    group.forEach(function (item) {
      item.terms = userTerms(item.terms || {}, expansion);
      Object.keys(item.terms).forEach(function (word) { covered[word] = true; });
    });
    return { group: group, coverage: Object.keys(covered).length, position: position };
  });
  ranked.sort(function (a, b) {
    return b.coverage - a.coverage || a.position - b.position;
  });
  return ranked.map(function (entry) { return entry.group; });
}

if (/^search\.[0-9a-f]+\.min\.js$/.test(MATERIAL))
  importScripts("../workers/" + MATERIAL);

function languageTools() {
  var lunr = self.lunr;
  var ns = LANG === "en" ? lunr : lunr[LANG] || lunr;
  return {
    stem: function (word) {
      return ns.stemmer ? ns.stemmer(new lunr.Token(word)).toString() : word;
    },
    isStopWord: function (word) {
      return ns.stopWordFilter ? !ns.stopWordFilter(new lunr.Token(word)) : false;
    }
  };
}

/* Query words, lower-cased, as Material's tokenizer would split them. */
function queryWords(query) {
  return query.toLowerCase().split(separator).filter(function (w) {
    return w.length > 0;
  });
}

/* Prefixes that find the word's inflected forms in a stemmed index. */
function prefixes(word, tools) {
  var out = [word];
  var stem = tools.stem(word);
  if (stem.length >= 3 && stem !== word) out.push(stem);
  if (word.length >= 6) out.push(word.slice(0, word.length - 2));
  else if (word.length === 5) out.push(word.slice(0, 4));
  /* Long Finnish words change their stem when inflected: ominaisuus, ominaisuuksia. */
  if (word.length >= 10) out.push(word.slice(0, word.length - 4));
  return out.filter(function (p, i) { return out.indexOf(p) === i; });
}

/* Whether two words differ by one letter wrong, missing, extra, or two letters swapped. */
function oneTypoApart(a, b) {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  var i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/* The articles' words one typo away from a word they do not contain. */
function corrections(word) {
  if (word.length < TYPO_MIN || vocabulary.has(word) || /\d/.test(word)) return [];
  var out = [];
  vocabulary.forEach(function (known) {
    if (oneTypoApart(word, known)) out.push(known);
  });
  return out;
}

/* The lunr query for the user's words and, per clause term, the word it came from. */
function expand(query, tools) {
  var words = queryWords(query);
  var content = words.filter(function (w) { return !tools.isStopWord(w); });
  if (content.length === 0) content = words;
  var clauses = [];
  var origin = {};
  content.forEach(function (word) {
    [word].concat(corrections(word)).forEach(function (form) {
      prefixes(form, tools).forEach(function (p) {
        if (origin[p] !== undefined) return;
        clauses.push(p + "*^1");
        origin[p] = word;
      });
    });
  });
  return { query: clauses.join(" "), origin: origin };
}

/* Lower-case words of the documents, to recognise and correct typos. */
function collectVocabulary(docs) {
  var words = new Set();
  docs.forEach(function (doc) {
    var text = [doc.title, doc.text, doc.description || ""].concat(doc.tags || []).join(" ");
    text.replace(/<[^>]*>/g, " ").toLowerCase().split(/[^\p{L}]+/u).forEach(function (w) {
      if (w.length >= 3) words.add(w);
    });
  });
  return words;
}

/* Material's per-term "found" flags, keyed by the user's words instead of our clauses. */
function userTerms(terms, expansion) {
  var out = {};
  Object.keys(terms).forEach(function (term) {
    var word = expansion.origin[term];
    if (word !== undefined && terms[term]) out[word] = true;
  });
  return out;
}

function withLanguageIndex(data) {
  if (data.config && data.config.lang.length === 1 && data.config.lang[0] === LANG)
    return Promise.resolve(data);
  return fetch(new URL(INDEX, SITE_ROOT).href, { credentials: "same-origin" })
    .then(function (response) {
      if (!response.ok) throw new Error("search index: HTTP " + response.status);
      return response.json();
    })
    .then(function (index) {
      return { config: index.config, docs: index.docs, options: data.options };
    })
    .catch(function (err) {
      console.warn(err);
      return data;
    });
}

addListener("message", function (ev) {
  var message = ev.data;
  if (message && message.type === SETUP) {
    withLanguageIndex(message.data).then(function (data) {
      if (data.config && data.config.separator) separator = new RegExp(data.config.separator);
      vocabulary = collectVocabulary(data.docs || []);
      materialListener({ data: { type: SETUP, data: data } });
    });
    return;
  }
  if (message && message.type === QUERY && typeof message.data === "string") {
    if (SYNTAX.test(message.data) || !self.lunr) {
      lastExpansion = null;
      materialListener(ev);
      return;
    }
    var expansion = expand(message.data, languageTools());
    lastExpansion = expansion;
    materialListener({ data: { type: QUERY, data: expansion.query } });
    return;
  }
  materialListener(ev);
});
