/* The handbook's search box: Material's header markup, the handbook's own sharded index.
 * Loads nothing until a query is typed; then only the shards that query needs, as <script> files
 * (so it works from file:// as over http). Built by generator/search; the manifest below is the
 * build's. Text from the index reaches the page only as text nodes, never as HTML. */
(function () {
  "use strict";
  var MANIFEST = /*MANIFEST*/null;
  var SHOWN = 50;
  var input = document.querySelector("input.md-search__input");
  var meta = document.querySelector(".md-search-result__meta");
  var list = document.querySelector(".md-search-result__list");
  var toggle = document.getElementById("__search");
  if (!input || !meta || !list || !toggle) return;
  var form = input.form;
  var config = JSON.parse(document.getElementById("__config").textContent);
  var base = new URL(config.base, location.href);
  var labels = config.translations || {};

  /* Normal form, bigrams and shard numbers: the same as generator/search/text.py. */
  function parts(text) {
    return text.normalize("NFKC").toLowerCase().match(/[\p{L}\p{N}]+/gu) || [];
  }
  function bigrams(word) {
    var chars = Array.from(word), out = [];
    for (var i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
    return out;
  }
  function fnv1a(gram) {
    var value = 0x811c9dc5;
    for (var char of gram) value = Math.imul(value ^ char.codePointAt(0), 0x01000193) >>> 0;
    return value;
  }
  function shardName(gram, count) {
    var width = (count - 1).toString(16).length;
    return ((fnv1a(gram) & (count - 1)) >>> 0).toString(16).padStart(width, "0");
  }
  var FINAL = "0123456789abcdefghijklmnopqrstuv", MORE = "ABCDEFGHIJKLMNOPQRSTUVWXYZ-_.~+=";
  function decode(text) {
    var out = [], value = 0, previous = -1;
    for (var i = 0; i < text.length; i++) {
      var more = MORE.indexOf(text[i]);
      if (more >= 0) { value = value * 32 + more; continue; }
      previous += value * 32 + FINAL.indexOf(text[i]) + 1;
      out.push(previous);
      value = 0;
    }
    return out;
  }

  /* Shards arrive as scripts calling the callback with their name. */
  var loaded = {}, waiting = {};
  window[MANIFEST.callback] = function (name, data) {
    if (waiting[name]) { waiting[name](data); delete waiting[name]; }
  };
  function load(name) {
    if (!loaded[name]) {
      loaded[name] = new Promise(function (resolve, reject) {
        waiting[name] = resolve;
        var tag = document.createElement("script");
        tag.src = new URL(MANIFEST.dir + name + ".js", base).href;
        tag.async = true;
        tag.onload = function () {
          tag.remove();
          if (waiting[name]) { delete waiting[name]; reject(new Error("搜索索引文件有误：" + name)); }
        };
        tag.onerror = function () {
          tag.remove();
          delete loaded[name];
          delete waiting[name];
          reject(new Error("搜索索引文件无法加载：" + name));
        };
        document.head.appendChild(tag);
      });
    }
    return loaded[name];
  }

  /* Names and titles: the key shard of the query's first bigram (or its only character); a gram
   * in very many keys is split, and then the query's next character says where to look. */
  function keyResults(query) {
    var chars = Array.from(query);
    function step(length) {
      var gram = chars.slice(0, length).join("");
      return load("k/" + shardName(gram, MANIFEST.k)).then(function (shard) {
        var entries = shard.g[gram] || [];
        if (!Array.isArray(entries)) {
          if (chars.length > length) return step(length + 1);
          entries = entries.s;
        }
        return rank(shard, entries, query);
      });
    }
    return step(Math.min(2, chars.length));
  }
  function rank(shard, entries, query) {
    var best = new Map();
    entries.forEach(function (entry) {
      var key = entry[0];
      if (key.indexOf(query) < 0) return;
      var quality = key === query ? 0 : key.startsWith(query) ? 1 : 2;
      var record = shard.r[entry[3]];
      var order = [entry[1], quality, entry[2], key.length, record[3]];
      var known = best.get(record[3]);
      if (!known || compare(order, known.rank) < 0) {
        best.set(record[3], {rank: order, kind: record[0], title: record[1], url: record[2], text: ""});
      }
    });
    return Array.from(best.values()).sort(function (a, b) { return compare(a.rank, b.rank); });
  }
  function compare(a, b) {
    for (var i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
    return 0;
  }

  /* Full text: records holding the most of a few of the query's bigrams, checked against their text. */
  function spread(grams, most) {
    if (grams.length <= most) return grams;
    var out = [];
    for (var i = 0; i < most; i++) out.push(grams[Math.round(i * (grams.length - 1) / (most - 1))]);
    return out;
  }
  function textResults(words, query) {
    var grams = [];
    words.forEach(function (word) {
      bigrams(word).forEach(function (gram) { if (grams.indexOf(gram) < 0) grams.push(gram); });
    });
    grams = spread(grams, MANIFEST.grams);
    if (!grams.length) return Promise.resolve({results: [], total: 0});
    return Promise.all(grams.map(function (gram) {
      return load("t/" + shardName(gram, MANIFEST.t)).then(function (shard) {
        return shard[gram] ? decode(shard[gram]) : [];
      });
    })).then(function (postings) {
      var counts = new Map();
      postings.forEach(function (numbers) {
        numbers.forEach(function (n) { counts.set(n, (counts.get(n) || 0) + 1); });
      });
      var most = 0;
      counts.forEach(function (c) { if (c > most) most = c; });
      if (most * 2 < grams.length) return {results: [], total: 0};
      var candidates = [];
      counts.forEach(function (c, n) { if (c === most) candidates.push(n); });
      candidates.sort(function (a, b) { return a - b; });
      var checked = candidates.slice(0, MANIFEST.checked);
      var chunks = Array.from(new Set(checked.map(function (n) { return Math.floor(n / MANIFEST.c); })));
      return Promise.all(chunks.map(function (c) { return load("d/" + c); })).then(function (loadedChunks) {
        var byChunk = new Map();
        chunks.forEach(function (c, i) { byChunk.set(c, loadedChunks[i]); });
        var results = checked.map(function (n) {
          var r = byChunk.get(Math.floor(n / MANIFEST.c))[n % MANIFEST.c];
          var text = parts(r[1] + "\n" + r[4]).join("");
          var fit = text.indexOf(query) >= 0 ? 0 : words.every(function (w) { return text.indexOf(w) >= 0; }) ? 1 : 2;
          return {rank: [fit, n], kind: r[0], title: r[1], url: r[2], page: r[3], text: r[4]};
        });
        // a record holding the query's bigrams but not its words is shown only when nothing better is
        if (results.some(function (r) { return r.rank[0] < 2; })) results = results.filter(function (r) { return r.rank[0] < 2; });
        results.sort(function (a, b) { return compare(a.rank, b.rank); });
        return {results: results, total: candidates.length};
      });
    });
  }

  /* Results in Material's markup: one item per page, its best match first. */
  function element(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }
  function excerpt(text, words) {
    if (!text) return null;
    var flat = text.replace(/\s+/g, " ");
    var lower = flat.normalize("NFKC").toLowerCase();
    var at = -1;
    words.slice().sort(function (a, b) { return b.length - a.length; }).some(function (w) {
      at = lower.length === flat.length ? lower.indexOf(w) : -1;
      return at >= 0;
    });
    var start = Math.max(0, at - 30);
    var piece = flat.slice(start, start + 140);
    var node = element("p");
    if (start > 0) node.appendChild(document.createTextNode("…"));
    mark(node, piece, lower.length === flat.length ? lower.slice(start, start + 140) : piece, words);
    if (start + 140 < flat.length) node.appendChild(document.createTextNode("…"));
    return node;
  }
  function mark(node, piece, lower, words) {
    var i = 0;
    while (i < piece.length) {
      var hit = null;
      words.forEach(function (w) {
        var at = lower.indexOf(w, i);
        if (at >= 0 && (!hit || at < hit[0] || (at === hit[0] && w.length > hit[1]))) hit = [at, w.length];
      });
      if (!hit || !hit[1]) { node.appendChild(document.createTextNode(piece.slice(i))); return; }
      if (hit[0] > i) node.appendChild(document.createTextNode(piece.slice(i, hit[0])));
      node.appendChild(element("mark", {}, [piece.slice(hit[0], hit[0] + hit[1])]));
      i = hit[0] + hit[1];
    }
  }
  function link(result, heading, words, first) {
    var href = new URL(result.url, base).href;
    var article = element("article", {"class": "md-search-result__article md-typeset" +
      (first ? " md-search-result__article--document" : "")}, first ? [element("div", {"class": "md-search-result__icon md-icon"})] : []);
    article.appendChild(element(first ? "h1" : "h2", {}, [heading]));
    var p = excerpt(result.text, words);
    if (p) article.appendChild(p);
    return element("a", {"href": href, "class": "md-search-result__link", "tabindex": "-1"}, [article]);
  }
  function render(keys, text, words) {
    var pages = new Map();
    keys.forEach(function (r) { pages.set(r.url, {title: r.title, matches: [r]}); });
    text.results.forEach(function (r) {
      var page = r.url.split("#")[0];
      var known = pages.get(page);
      if (!known) pages.set(page, {title: r.page, matches: [r]});
      else if (!known.matches.some(function (m) { return m.url === r.url; })) known.matches.push(r);
    });
    var items = Array.from(pages.values()).slice(0, SHOWN).map(function (page) {
      var item = element("li", {"class": "md-search-result__item"});
      page.matches.slice(0, 4).forEach(function (r, i) {
        item.appendChild(link(r, i === 0 ? page.title : r.title, words, i === 0));
      });
      return item;
    });
    // full text arrives after the names: a reader already moving through the results keeps their place
    var focused = list.contains(document.activeElement) ? document.activeElement.href : null;
    list.replaceChildren.apply(list, items);
    if (focused) {
      var again = Array.from(list.querySelectorAll("a.md-search-result__link")).find(function (a) { return a.href === focused; });
      (again || input).focus();
    }
    var count = pages.size;
    meta.textContent = count === 0 ? labels["search.result.none"] || "" : count === 1 ? labels["search.result.one"] || "1"
      : (labels["search.result.other"] || "#").replace("#", String(count));
  }
  function placeholder() {
    list.replaceChildren();
    meta.textContent = labels["search.result.placeholder"] || "";
  }

  /* One query at a time: a newer query makes older answers stale. */
  var current = null, serial = 0;
  function search(value) {
    if (value === current) return;
    current = value;
    var mine = ++serial;
    var found = parts(value), query = found.join("");
    if (!query) { busy(false); placeholder(); return; }
    busy(true);
    var none = {results: [], total: 0};
    // Names first, then full text: the first result waits for nothing but the key shard.
    var keys = keyResults(query);
    var text = keys.then(function (k) {
      if (mine !== serial) return none;
      if (k.length) render(k, none, found);
      return Array.from(query).length > 1 ? textResults(found, query) : none;
    });
    Promise.all([keys, text]).then(function (both) {
      if (mine !== serial) return;
      render(both[0], both[1], found);
      busy(false);
    }).catch(function (error) {
      if (mine !== serial) return;
      list.replaceChildren();
      meta.textContent = error.message;
      busy(false);
    });
  }

  /* aria-busy on the result box while a query's shards are loading: screen readers wait, and so
   * can a test or a benchmark. */
  var results = list.parentElement;
  function busy(loading) {
    if (loading) results.setAttribute("aria-busy", "true");
    else results.removeAttribute("aria-busy");
  }

  function open() {
    if (!toggle.checked) { toggle.checked = true; toggle.dispatchEvent(new Event("change")); }
  }
  function close() {
    if (toggle.checked) { toggle.checked = false; toggle.dispatchEvent(new Event("change")); }
    input.blur();
  }
  placeholder();
  input.addEventListener("focus", open);
  input.addEventListener("input", function () { search(input.value); });
  input.addEventListener("keyup", function () { search(input.value); });
  toggle.addEventListener("change", function () { if (toggle.checked && document.activeElement !== input) input.focus(); });
  list.addEventListener("click", function (event) { if (event.target.closest("a")) close(); });
  if (form) {
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () { setTimeout(function () { search(""); input.focus(); }); });
  }
  /* Keys as in Material: Enter opens the first result, arrows move through them, Esc and Tab close,
   * and f, s or / anywhere else focuses the box. */
  window.addEventListener("keydown", function (event) {
    if (event.metaKey || event.ctrlKey || event.altKey || event.isComposing) return;
    var active = document.activeElement;
    if (!toggle.checked) {
      var editable = active && (active.isContentEditable || /^(input|textarea|select)$/i.test(active.tagName));
      if (!editable && (event.key === "f" || event.key === "s" || event.key === "/")) {
        input.focus();
        input.select();
        event.preventDefault();
      }
      return;
    }
    var links = [input].concat(Array.from(list.querySelectorAll("a.md-search-result__link")));
    if (event.key === "Enter" && active === input) {
      if (links.length > 1) location.href = links[1].href;
      event.preventDefault();
    } else if (event.key === "Escape" || event.key === "Tab") {
      close();
      if (event.key === "Escape") event.preventDefault();
    } else if (event.key === "ArrowUp" || event.key === "ArrowDown") {
      var at = Math.max(0, links.indexOf(active));
      links[(at + links.length + (event.key === "ArrowUp" ? -1 : 1)) % links.length].focus();
      event.preventDefault();
    } else if (active !== input && event.key.length === 1) {
      input.focus();
    }
  });
})();
