// Full-text search for the digest theme: no server, no dependencies.
//
// The build writes the index as static files (see docs/search.md). This script analyses a query
// the way the build analysed the articles (src/search/analyze.rs): traditional characters are
// simplified with the table t2s.json (fetched only when the query holds one of its characters),
// full-width letters and digits are folded, every two neighbouring CJK characters make a pair,
// Latin words and numbers are lower-cased. A result must have every pair and Latin word of the
// query; dictionary words of three or more characters that the query contains (found in the
// term lists of the shards already loaded for its pairs) raise the rank of the articles that
// have them whole. Articles whose title holds the whole query come first, then by the sum over
// the query's terms of idf × (1 + ln weight), then the newest.
//
// Only the shards of the query's terms are fetched, then the article-table blocks of the ten
// results shown, then the pages of those of them that come into view, from which the snippets
// are cut. Everything fetched is kept, so refining a query on a warm page costs no network.
(function () {
  "use strict";

  var app = document.getElementById("search-app");
  if (!app || !window.fetch || !window.URLSearchParams) {
    return;
  }
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-q");
  var topicSelect = document.getElementById("search-topic");
  var regionSelect = document.getElementById("search-region");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");

  var FORMAT = 1;
  var PAGE = 10;
  var MAX_WORD = 10;
  var MIN_WORD = 3;
  var DEBOUNCE_MS = 30;
  var SNIPPET_CHARS = 110;
  // A one-character query reads every shard its character's terms span; beyond this many, the
  // character is too common to be worth it.
  var MAX_PREFIX_SHARDS = 4;

  var indexUrl = app.getAttribute("data-index");
  var dataBase = indexUrl.replace(/[^\/]*$/, "");

  // ------------------------------------------------------------------ loading

  var cache = new Map();

  function getJson(path) {
    if (!cache.has(path)) {
      var p = fetch(path).then(function (r) {
        if (!r.ok) {
          throw new Error(path + ": " + r.status);
        }
        return r.json();
      });
      p.catch(function () {
        cache.delete(path);
      });
      cache.set(path, p);
    }
    return cache.get(path);
  }

  var manifestPromise = null;

  function manifest() {
    if (!manifestPromise) {
      manifestPromise = fetch(indexUrl, { cache: "no-cache" })
        .then(function (r) {
          if (!r.ok) {
            throw new Error("manifest: " + r.status);
          }
          return r.json();
        })
        .then(function (m) {
          if (m.format !== FORMAT) {
            throw new Error("index format " + m.format);
          }
          return m;
        });
      manifestPromise.catch(function () {
        manifestPromise = null;
      });
    }
    return manifestPromise;
  }

  function dataUrl(m, path) {
    return dataBase + path + "?v=" + m.version;
  }

  // A shard as a Map from term to its encoded posting list, plus the sorted terms.
  function shard(m, n) {
    var key = "shard:" + n;
    if (!cache.has(key)) {
      var p = getJson(dataUrl(m, "shard/" + n + ".json")).then(function (items) {
        var terms = new Map();
        var sorted = [];
        for (var i = 0; i + 1 < items.length; i += 2) {
          terms.set(items[i], items[i + 1]);
          sorted.push(items[i]);
        }
        return { terms: terms, sorted: sorted };
      });
      p.catch(function () {
        cache.delete(key);
      });
      cache.set(key, p);
    }
    return cache.get(key);
  }

  // The shard whose range holds `term`: the last one whose first term is not after it.
  function shardOf(m, term) {
    var lo = 0;
    var hi = m.shards.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (m.shards[mid] <= term) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  // ------------------------------------------------------------------ the compact numbers

  var LAST = "0123456789abcdefghijklmnopqrstuv";
  var MORE = "ABCDEFGHIJKLMNOPQRSTUVWXYZwxyz-_";
  var DIGIT = new Int8Array(128).fill(-1);
  var IS_LAST = new Uint8Array(128);
  for (var d = 0; d < 32; d++) {
    DIGIT[LAST.charCodeAt(d)] = d;
    IS_LAST[LAST.charCodeAt(d)] = 1;
    DIGIT[MORE.charCodeAt(d)] = d;
  }

  function numbers(s) {
    var out = [];
    var n = 0;
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      n = n * 32 + DIGIT[c];
      if (IS_LAST[c]) {
        out.push(n);
        n = 0;
      }
    }
    return out;
  }

  // A posting list as parallel arrays: article numbers (ascending), weights, title flags.
  var decoded = new Map();

  function postings(encoded) {
    var hit = decoded.get(encoded);
    if (hit) {
      return hit;
    }
    var ns = numbers(encoded);
    var count = ns.length >> 1;
    var docs = new Uint32Array(count);
    var weights = new Uint32Array(count);
    var titles = new Uint8Array(count);
    var next = 0;
    for (var i = 0; i < count; i++) {
      var doc = next + ns[2 * i];
      docs[i] = doc;
      weights[i] = ns[2 * i + 1] >> 1;
      titles[i] = ns[2 * i + 1] & 1;
      next = doc + 1;
    }
    var list = { docs: docs, weights: weights, titles: titles };
    decoded.set(encoded, list);
    return list;
  }

  function gapsToSet(encoded) {
    var set = new Set();
    var next = 0;
    numbers(encoded).forEach(function (gap) {
      set.add(next + gap);
      next = next + gap + 1;
    });
    return set;
  }

  // ------------------------------------------------------------------ analysis

  function isCjk(c) {
    return (
      (c >= 0x4e00 && c <= 0x9fff) ||
      (c >= 0x3040 && c <= 0x30ff) ||
      (c >= 0x3400 && c <= 0x4dbf) ||
      (c >= 0xac00 && c <= 0xd7af) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0x20000 && c <= 0x2fa1f)
    );
  }

  function fold(c) {
    if (c >= 0xff01 && c <= 0xff5e) {
      return c - 0xfee0;
    }
    return c === 0x3000 ? 0x20 : c;
  }

  function isSeparator(c) {
    return (
      (c >= 0x2000 && c <= 0x2bff) ||
      (c >= 0x3000 && c <= 0x303f) ||
      (c >= 0xfe10 && c <= 0xfe6f) ||
      (c >= 0xff00 && c <= 0xffef)
    );
  }

  var ALNUM = /^[\p{L}\p{N}]$/u;

  function isWordChar(c) {
    if (c < 0x80) {
      return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
    }
    return !isSeparator(c) && ALNUM.test(String.fromCodePoint(c));
  }

  var t2sTrigger = null;

  function needsT2s(m, q) {
    if (!t2sTrigger) {
      t2sTrigger = new Set();
      var c = 0;
      numbers(m.t2s).forEach(function (gap) {
        c += gap;
        t2sTrigger.add(c);
      });
    }
    for (var ch of q) {
      if (t2sTrigger.has(ch.codePointAt(0))) {
        return true;
      }
    }
    return false;
  }

  function t2sTable(m) {
    var key = "t2s";
    if (!cache.has(key)) {
      var p = getJson(dataUrl(m, "t2s.json")).then(function (data) {
        var table = new Map();
        var chars = Array.from(data.pairs);
        for (var i = 0; i + 1 < chars.length; i += 2) {
          table.set(chars[i], chars[i + 1]);
        }
        return table;
      });
      p.catch(function () {
        cache.delete(key);
      });
      cache.set(key, p);
    }
    return cache.get(key);
  }

  // The query as the index sees it: `required` terms ({text, prefix}), candidate `words`, the
  // CJK `runs` and the `latin` words (for highlighting), and the simplified `text`.
  function analyse(q, table) {
    var out = { required: [], words: [], runs: [], latin: [], text: "" };
    var seen = new Set();
    var run = [];
    var latin = "";

    function require(text, prefix) {
      var key = (prefix ? "*" : "=") + text;
      if (!seen.has(key)) {
        seen.add(key);
        out.required.push({ text: text, prefix: prefix });
      }
    }
    function endLatin() {
      if (latin) {
        require(latin, false);
        out.latin.push(latin);
        latin = "";
      }
    }
    function endRun() {
      if (run.length === 1) {
        require(run[0], true);
      }
      for (var i = 0; i + 1 < run.length; i++) {
        require(run[i] + run[i + 1], false);
      }
      for (var len = MIN_WORD; len <= Math.min(run.length, MAX_WORD); len++) {
        for (var s = 0; s + len <= run.length; s++) {
          var w = run.slice(s, s + len).join("");
          if (out.words.indexOf(w) < 0) {
            out.words.push(w);
          }
        }
      }
      if (run.length) {
        out.runs.push(run.join(""));
      }
      run = [];
    }
    for (var ch of q) {
      if (table && table.has(ch)) {
        ch = table.get(ch);
      }
      out.text += ch;
      var c = fold(ch.codePointAt(0));
      if (isCjk(c)) {
        endLatin();
        run.push(String.fromCodePoint(c));
      } else {
        endRun();
        if (isWordChar(c)) {
          latin += String.fromCodePoint(c).toLowerCase();
        } else {
          endLatin();
        }
      }
    }
    endRun();
    endLatin();
    return out;
  }

  // ------------------------------------------------------------------ searching

  function idf(m, df) {
    return Math.log(1 + m.docs / Math.max(df, 1));
  }

  // The posting list of a required term; a one-character prefix merges the lists of every
  // term that starts with it. `null` when the character is too common to look up.
  async function requiredList(m, r) {
    if (!r.prefix) {
      var s = await shard(m, shardOf(m, r.text));
      var encoded = s.terms.get(r.text);
      return encoded ? postings(encoded) : postings("");
    }
    var after = String.fromCodePoint(r.text.codePointAt(0) + 1);
    var first = shardOf(m, r.text);
    var last = shardOf(m, after);
    if (last - first + 1 > MAX_PREFIX_SHARDS) {
      return null;
    }
    var shards = [];
    for (var n = first; n <= last; n++) {
      shards.push(shard(m, n));
    }
    var merged = new Map();
    (await Promise.all(shards)).forEach(function (s) {
      s.sorted.forEach(function (term) {
        if (term.startsWith(r.text)) {
          var p = postings(s.terms.get(term));
          for (var i = 0; i < p.docs.length; i++) {
            var e = merged.get(p.docs[i]) || [0, 0];
            e[0] += p.weights[i];
            e[1] |= p.titles[i];
            merged.set(p.docs[i], e);
          }
        }
      });
    });
    var docs = Array.from(merged.keys()).sort(function (a, b) {
      return a - b;
    });
    var list = {
      docs: new Uint32Array(docs),
      weights: new Uint32Array(docs.length),
      titles: new Uint8Array(docs.length)
    };
    docs.forEach(function (doc, i) {
      list.weights[i] = merged.get(doc)[0];
      list.titles[i] = merged.get(doc)[1];
    });
    return list;
  }

  function find(list, doc) {
    var lo = 0;
    var hi = list.docs.length - 1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      var d = list.docs[mid];
      if (d === doc) {
        return mid;
      }
      if (d < doc) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return -1;
  }

  // Ranked article numbers for an analysed query and filters, with what matched.
  async function rank(m, a, topic, region) {
    var lists = await Promise.all(
      a.required.map(function (r) {
        return requiredList(m, r);
      })
    );
    if (lists.some(function (l) { return l === null; })) {
      return { tooCommon: true, hits: [], words: [] };
    }
    // Candidate words, from the shards already loaded for the pairs.
    var words = [];
    for (var w of a.words) {
      var key = "shard:" + shardOf(m, w);
      if (cache.has(key)) {
        var s = await cache.get(key);
        if (s.terms.has(w)) {
          words.push({ text: w, list: postings(s.terms.get(w)) });
        }
      }
    }
    var filters = [];
    if (topic) {
      filters.push(getJson(dataUrl(m, "topic/" + topic + ".json")));
    }
    if (region) {
      filters.push(getJson(dataUrl(m, "region/" + region + ".json")));
    }
    var sets = (await Promise.all(filters)).map(function (f) {
      return gapsToSet(f.docs);
    });
    lists.sort(function (x, y) {
      return x.docs.length - y.docs.length;
    });
    var weightsOf = lists.map(function (l) {
      return idf(m, l.docs.length);
    });
    var hits = [];
    var smallest = lists[0];
    outer: for (var i = 0; i < smallest.docs.length; i++) {
      var doc = smallest.docs[i];
      for (var f = 0; f < sets.length; f++) {
        if (!sets[f].has(doc)) {
          continue outer;
        }
      }
      var score = 0;
      var inTitle = true;
      for (var l = 0; l < lists.length; l++) {
        var at = l === 0 ? i : find(lists[l], doc);
        if (at < 0) {
          continue outer;
        }
        score += weightsOf[l] * (1 + Math.log(lists[l].weights[at]));
        inTitle = inTitle && lists[l].titles[at] === 1;
      }
      for (var k = 0; k < words.length; k++) {
        var wat = find(words[k].list, doc);
        if (wat >= 0) {
          score += idf(m, words[k].list.docs.length) * (1 + Math.log(words[k].list.weights[wat]));
        }
      }
      hits.push({ doc: doc, title: inTitle, score: score });
    }
    hits.sort(function (x, y) {
      if (x.title !== y.title) {
        return x.title ? -1 : 1;
      }
      if (x.score !== y.score) {
        return y.score - x.score;
      }
      return x.doc - y.doc;
    });
    return {
      tooCommon: false,
      hits: hits,
      words: words.map(function (x) {
        return x.text;
      })
    };
  }

  // ------------------------------------------------------------------ showing

  function row(m, doc) {
    var b = Math.floor(doc / m.block);
    return getJson(dataUrl(m, "docs/" + b + ".json")).then(function (rows) {
      return rows[doc - b * m.block];
    });
  }

  // The text of an article page, from its body (or its <main>), one block a line.
  function pageText(url) {
    var key = "page:" + url;
    if (!cache.has(key)) {
      var p = fetch(url)
        .then(function (r) {
          if (!r.ok) {
            throw new Error(url + ": " + r.status);
          }
          return r.text();
        })
        .then(function (html) {
          var doc = new DOMParser().parseFromString(html, "text/html");
          var body = doc.querySelector(".article-body") || doc.querySelector("main");
          if (!body) {
            return "";
          }
          body.querySelectorAll("pre, sup, script, style, nav").forEach(function (n) {
            n.remove();
          });
          var blocks = body.querySelectorAll("p, li, h2, h3, h4, blockquote, td, th, dd");
          if (!blocks.length) {
            return body.textContent.trim();
          }
          return Array.prototype.map
            .call(blocks, function (n) {
              return n.textContent.trim();
            })
            .join("\n");
        });
      p.catch(function () {
        cache.delete(key);
      });
      cache.set(key, p);
    }
    return cache.get(key);
  }

  function matchable(text) {
    var out = "";
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i);
      c = fold(c);
      if (c >= 0x41 && c <= 0x5a) {
        c += 0x20;
      }
      out += String.fromCharCode(c);
    }
    return out;
  }

  // Fills `el` with `text`, the strings of `marks` (longest first) wrapped in <mark>.
  function highlight(el, text, marks) {
    el.textContent = "";
    var low = matchable(text);
    var last = 0;
    var i = 0;
    while (i < text.length) {
      var hit = null;
      for (var k = 0; k < marks.length; k++) {
        if (low.startsWith(marks[k], i)) {
          hit = marks[k];
          break;
        }
      }
      if (hit) {
        if (i > last) {
          el.appendChild(document.createTextNode(text.slice(last, i)));
        }
        var mark = document.createElement("mark");
        mark.textContent = text.slice(i, i + hit.length);
        el.appendChild(mark);
        i += hit.length;
        last = i;
      } else {
        i++;
      }
    }
    if (last < text.length) {
      el.appendChild(document.createTextNode(text.slice(last)));
    }
  }

  var SENTENCE_END = /[。！？!?；\n]/;

  // A stretch of `text` around the first place where the longest mark occurs.
  function snippet(text, marks) {
    var low = matchable(text);
    var at = -1;
    for (var k = 0; k < marks.length && at < 0; k++) {
      at = low.indexOf(marks[k]);
    }
    var start = 0;
    if (at > 0) {
      start = Math.max(0, at - 20);
      for (var j = at - 1; j >= Math.max(0, at - 40); j--) {
        if (SENTENCE_END.test(text[j])) {
          start = j + 1;
          break;
        }
      }
    }
    var end = Math.min(text.length, start + SNIPPET_CHARS);
    var cut = text.slice(start, end).replace(/\s+/g, " ").trim();
    return (start > 0 ? "…" : "") + cut + (end < text.length ? "…" : "");
  }

  function dateZh(iso) {
    var p = iso.split("-");
    return +p[0] + "年" + +p[1] + "月" + +p[2] + "日";
  }

  function marksOf(a, words) {
    var marks = [];
    function add(s) {
      if (s && marks.indexOf(s) < 0) {
        marks.push(s);
      }
    }
    a.runs.forEach(add);
    words.forEach(add);
    a.required.forEach(function (r) {
      add(r.text);
    });
    a.latin.forEach(add);
    return marks.sort(function (x, y) {
      return y.length - x.length;
    });
  }

  function resultItem(m, r, marks) {
    var li = document.createElement("li");
    li.className = "search-result";
    var card = document.createElement("article");
    card.className = "card card-search";
    var topic = m.topics[r[3][0]];
    if (topic) {
      card.setAttribute("data-topic", topic.key);
    }
    var h = document.createElement("h2");
    h.className = "card-title";
    var link = document.createElement("a");
    link.href = m.base + r[0];
    highlight(link, r[1], marks);
    h.appendChild(link);
    card.appendChild(h);
    var meta = document.createElement("p");
    meta.className = "meta";
    if (topic) {
      var t = document.createElement("a");
      t.className = "topic-label";
      t.href = topic.url;
      t.setAttribute("data-topic", topic.key);
      t.textContent = topic.name;
      meta.appendChild(t);
    }
    var time = document.createElement("time");
    time.setAttribute("datetime", r[2]);
    time.textContent = dateZh(r[2]);
    meta.appendChild(time);
    if (r[4].length) {
      var places = document.createElement("span");
      places.className = "meta-item search-places";
      r[4].forEach(function (p, i) {
        var place = m.regions[p];
        if (!place) {
          return;
        }
        if (i > 0) {
          places.appendChild(document.createTextNode("、"));
        }
        var a = document.createElement("a");
        a.href = place.url;
        a.textContent = place.name;
        places.appendChild(a);
      });
      meta.appendChild(places);
    }
    card.appendChild(meta);
    var snip = document.createElement("p");
    snip.className = "summary search-snippet";
    card.appendChild(snip);
    li.appendChild(card);
    whenSeen(snip, function () {
      pageText(link.href).then(
        function (text) {
          highlight(snip, snippet(text, marks), marks);
        },
        function () {
          snip.remove();
        }
      );
    });
    return li;
  }

  // Calls `fill` once `el` comes near the viewport: the article page a snippet is cut from is
  // fetched only for results the reader gets to see.
  var observer =
    "IntersectionObserver" in window
      ? new IntersectionObserver(
          function (entries) {
            entries.forEach(function (e) {
              if (e.isIntersecting) {
                observer.unobserve(e.target);
                var fill = pending.get(e.target);
                pending.delete(e.target);
                if (fill) {
                  fill();
                }
              }
            });
          },
          { rootMargin: "300px 0px" }
        )
      : null;
  var pending = new Map();

  function clearList() {
    list.textContent = "";
    forget();
  }

  // Stops waiting for the snippets of results no longer shown.
  function forget() {
    if (observer) {
      pending.forEach(function (_, el) {
        observer.unobserve(el);
      });
    }
    pending.clear();
  }

  function whenSeen(el, fill) {
    if (!observer) {
      fill();
      return;
    }
    pending.set(el, fill);
    observer.observe(el);
  }

  // ------------------------------------------------------------------ the page

  var current = 0;
  var shown = { hits: [], count: 0, marks: [], m: null };

  function params() {
    return {
      q: input.value.trim(),
      topic: topicSelect ? topicSelect.value : "",
      region: regionSelect ? regionSelect.value : ""
    };
  }

  function reflect(p, push) {
    var sp = new URLSearchParams();
    if (p.q) {
      sp.set("q", p.q);
    }
    if (p.topic) {
      sp.set("topic", p.topic);
    }
    if (p.region) {
      sp.set("region", p.region);
    }
    var qs = sp.toString();
    var url = location.pathname + (qs ? "?" + qs : "");
    if (url !== location.pathname + location.search) {
      history[push ? "pushState" : "replaceState"](null, "", url);
    }
  }

  function selectedName(select) {
    return select && select.value ? select.options[select.selectedIndex].textContent.trim() : "";
  }

  function describe(p) {
    var parts = [];
    var t = selectedName(topicSelect);
    var r = selectedName(regionSelect);
    if (t) {
      parts.push("专题“" + t + "”");
    }
    if (r) {
      parts.push("地区“" + r + "”");
    }
    return parts.length ? "（限" + parts.join("、") + "）" : "";
  }

  async function showMore() {
    var m = shown.m;
    var from = shown.count;
    var slice = shown.hits.slice(from, from + PAGE);
    var token = current;
    var rows = await Promise.all(
      slice.map(function (h) {
        return row(m, h.doc);
      })
    );
    if (token !== current) {
      return;
    }
    var fragment = document.createDocumentFragment();
    rows.forEach(function (r) {
      fragment.appendChild(resultItem(m, r, shown.marks));
    });
    list.appendChild(fragment);
    shown.count = from + slice.length;
    more.hidden = shown.count >= shown.hits.length;
  }

  async function search(push) {
    var p = params();
    var token = ++current;
    reflect(p, push);
    if (!p.q) {
      clearList();
      more.hidden = true;
      status.textContent = "请输入要搜索的词语。";
      return;
    }
    try {
      var m = await manifest();
      var table = needsT2s(m, p.q) ? await t2sTable(m) : null;
      var a = analyse(p.q, table);
      if (!a.required.length) {
        if (token === current) {
          clearList();
          more.hidden = true;
          status.textContent = "请输入汉字、字母或数字。";
        }
        return;
      }
      var result = await rank(m, a, p.topic, p.region);
      if (token !== current) {
        return;
      }
      clearList();
      shown = { hits: result.hits, count: 0, marks: marksOf(a, result.words), m: m };
      var shownQuery = a.text.trim();
      if (result.tooCommon) {
        status.textContent = "“" + shownQuery + "”太常见了，请多输入几个字。";
        more.hidden = true;
        return;
      }
      if (!result.hits.length) {
        status.textContent = "没有找到与“" + shownQuery + "”相关的报道" + describe(p) + "。";
        more.hidden = true;
        return;
      }
      await showMore();
      if (token === current) {
        // Announced once the first results are on the page.
        status.textContent =
          "找到 " + result.hits.length + " 篇与“" + shownQuery + "”相关的报道" + describe(p) + "。";
      }
    } catch (e) {
      if (token === current) {
        status.textContent = "搜索索引加载失败，请稍后重试。";
      }
    }
  }

  var timer = 0;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      search(false);
    }, DEBOUNCE_MS);
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    clearTimeout(timer);
    search(true);
  });
  [topicSelect, regionSelect].forEach(function (s) {
    if (s) {
      s.addEventListener("change", function () {
        search(true);
      });
    }
  });
  more.addEventListener("click", function () {
    var first = shown.count;
    showMore().then(function () {
      var link = list.children[first] && list.children[first].querySelector("a");
      if (link) {
        link.focus();
      }
    });
  });
  window.addEventListener("popstate", function () {
    load();
    search(false);
  });

  function load() {
    var sp = new URLSearchParams(location.search);
    input.value = sp.get("q") || "";
    [
      [topicSelect, sp.get("topic")],
      [regionSelect, sp.get("region")]
    ].forEach(function (pair) {
      var s = pair[0];
      if (s) {
        var want = pair[1] || "";
        s.value = Array.prototype.some.call(s.options, function (o) {
          return o.value === want;
        })
          ? want
          : "";
      }
    });
  }

  app.classList.add("is-ready");
  load();
  if (input.value) {
    search(false);
  } else {
    manifest().catch(function () {});
  }
})();
