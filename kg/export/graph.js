/* dipkg graph page: builds the vis-network graph, legend/filters, search, details and timeline
   from the JSON in #dipkg-data. Every string from the data goes into the DOM as text
   (textContent, createTextNode, setAttribute): never as markup. */
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("dipkg-data").textContent);
  var STY = DATA.styles, REL = DATA.relations, ARTICLES = DATA.articles;
  var KINDS = Object.keys(STY);
  var byId = new Map(), nbrs = new Map();
  DATA.nodes.forEach(function (n) { byId.set(n.id, n); nbrs.set(n.id, new Set()); });
  DATA.edges.forEach(function (e) { nbrs.get(e.from).add(e.to); nbrs.get(e.to).add(e.from); });
  var isEvent = function (id) { return STY[byId.get(id).kind].event; };
  var eventNbrs = new Map();
  DATA.nodes.forEach(function (n) {
    eventNbrs.set(n.id, Array.from(nbrs.get(n.id)).filter(isEvent));
  });
  var CORE = new Set(DATA.core);
  var SCOPED = CORE.size < DATA.nodes.length;

  /* ---------------------------------------------------------------- DOM helpers (text only) */
  function el(tag, cls) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined) continue;
      e.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
    }
    return e;
  }
  function clear(e) { while (e.firstChild) e.removeChild(e.firstChild); }
  var SVGNS = "http://www.w3.org/2000/svg";
  function svg(tag, attrs) {
    var e = document.createElementNS(SVGNS, tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }

  /* ---------------------------------------------------------------- shapes (SVG, 100x100) */
  function regular(n, r, rot, inner) {
    var pts = [], m = inner ? 2 * n : n;
    for (var i = 0; i < m; i++) {
      var a = rot + i * 2 * Math.PI / m, rr = inner && i % 2 ? inner : r;
      pts.push((50 + rr * Math.sin(a)).toFixed(1) + "," + (50 - rr * Math.cos(a)).toFixed(1));
    }
    return pts.join(" ");
  }
  var SHAPES = {
    circle: null,
    diamond: "50,3 97,50 50,97 3,50",
    square: "8,8 92,8 92,92 8,92",
    triangle: "50,5 97,92 3,92",
    triangleDown: "3,8 97,8 50,95",
    hexagon: regular(6, 47, Math.PI / 6),
    pentagon: regular(5, 48, 0),
    octagon: regular(8, 47, Math.PI / 8),
    star: regular(5, 49, 0, 21),
    star6: regular(6, 48, 0, 27),
    cross: "32,4 68,4 68,32 96,32 96,68 68,68 68,96 32,96 32,68 4,68 4,32 32,32",
    document: "14,4 64,4 88,28 88,96 14,96"
  };
  function shapeSvg(kind, selected) {
    var s = STY[kind], stroke = selected ? "#111" : "#ffffff", sw = selected ? 9 : 5;
    var body = SHAPES[s.shape] === null || SHAPES[s.shape] === undefined
      ? '<circle cx="50" cy="50" r="44"'
      : '<polygon points="' + SHAPES[s.shape] + '"';
    body += ' fill="' + s.color + '" stroke="' + stroke + '" stroke-width="' + sw + '" stroke-linejoin="round"/>';
    return '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100" viewBox="-4 -4 108 108">' + body + "</svg>";
  }
  var IMG = {};
  KINDS.forEach(function (k) {
    IMG[k] = { unselected: "data:image/svg+xml;charset=utf-8," + encodeURIComponent(shapeSvg(k, false)),
               selected: "data:image/svg+xml;charset=utf-8," + encodeURIComponent(shapeSvg(k, true)) };
  });
  function icon(kind) {  /* the legend's icon: the same shape, built as SVG elements */
    var s = STY[kind], e = svg("svg", { "class": "icon", viewBox: "-4 -4 108 108" });
    var p = SHAPES[s.shape] ? svg("polygon", { points: SHAPES[s.shape] }) : svg("circle", { cx: 50, cy: 50, r: 44 });
    p.setAttribute("fill", s.color);
    e.appendChild(p);
    return e;
  }

  /* ---------------------------------------------------------------- labels and tooltips */
  function short(s, n) { return s.length > n ? s.slice(0, n - 1) + "…" : s; }
  function names(ids) { return ids.map(function (i) { return byId.get(i).name; }); }
  function linked(id, rel, dir) {  /* nodes linked to id by rel: dir "out" (id -> x) or "in" */
    return DATA.edges.filter(function (e) { return e.rel === rel && (dir === "out" ? e.from === id : e.to === id); })
      .map(function (e) { return dir === "out" ? e.to : e.from; });
  }
  function articleName(a) { var m = ARTICLES[a] || {}; return m.title || m.file || a; }
  function tooltip(n) {
    var t = el("div", "tip", el("b", null, n.label));
    if (STY[n.kind].event) {
      t.appendChild(el("div", null, STY[n.kind].name + " · " + (n.date || "undated") + (n.planned ? " · planned" : "")));
      var place = names(linked(n.id, "location", "out"));
      if (place.length) t.appendChild(el("div", null, "Place: " + place.join(", ")));
      var who = names(linked(n.id, "participant", "out"));
      if (who.length) t.appendChild(el("div", null, "Participants: " + who.join(", ")));
      if (n.confidence !== null) t.appendChild(el("div", null, "Confidence: " + n.confidence.toFixed(2)));
      t.appendChild(el("div", null, "Reported by " + n.reports.length + " article" + (n.reports.length === 1 ? "" : "s") + ":"));
      n.reports.slice(0, 3).forEach(function (r) {
        var m = ARTICLES[r.article] || {};
        t.appendChild(el("div", "src", "• " + short(articleName(r.article), 90) + (m.published ? " (" + m.published + ")" : "")
          + (r.evidence.length ? ": " : ""), r.evidence.length ? el("i", null, "“" + short(r.evidence[0], 220) + "”") : null));
      });
      if (n.reports.length > 3) t.appendChild(el("div", "src", "… and " + (n.reports.length - 3) + " more: click for all"));
    } else {
      t.appendChild(el("div", null, STY[n.kind].name));
      if (n.roles.length) t.appendChild(el("div", null, "Role: " + n.roles.join("; ")));
      t.appendChild(el("div", null, eventNbrs.get(n.id).length + " event(s)"));
    }
    return t;
  }

  /* ---------------------------------------------------------------- vis data */
  function nodeItem(n) {
    var ev = STY[n.kind].event;
    var size = ev ? 15 + 5 * Math.sqrt(n.reports.length) : Math.min(40, 14 + 3 * Math.sqrt(nbrs.get(n.id).size));
    return { id: n.id, label: short(n.label, 42), shape: "image", image: IMG[n.kind], size: size, title: tooltip(n),
             font: { size: ev ? 17 : 21, color: ev ? "#37474f" : "#111", strokeWidth: 5, strokeColor: "#ffffff" } };
  }
  var nodes = new vis.DataSet(DATA.nodes.map(nodeItem));
  var edges = new vis.DataSet(DATA.edges.map(function (e, i) {
    var r = REL[e.rel] || { name: e.rel, color: "#999" };
    /* edges at hubs are longer, so the many events around a leader spread out instead of piling up */
    var hub = Math.sqrt(nbrs.get(e.from).size + nbrs.get(e.to).size);
    return { id: i, from: e.from, to: e.to, label: r.name, title: r.name, color: { color: r.color, opacity: 0.75 },
             length: 70 + 22 * hub,
             width: e.rel === "partOf" ? 2 : 1, dashes: e.rel === "represents" || e.rel === "country",
             arrows: { to: { enabled: true, scaleFactor: 0.45 } } };
  }));

  /* ---------------------------------------------------------------- state and filters */
  var state = { all: !SCOPED, kinds: new Set(KINDS), from: "", to: "", undated: true, pinned: new Set(), expanded: new Set() };
  var visible = new Set();
  function inScope(id) { return state.all || CORE.has(id) || state.expanded.has(id); }
  function dateOk(d) {
    if (!d) return state.undated;
    var start = (d + "-01-01").slice(0, 10), end = d.length === 4 ? d + "-12-31" : d.length === 7 ? d + "-31" : d;
    return (!state.from || end >= state.from) && (!state.to || start <= state.to);
  }
  function computeVisible() {
    var v = new Set();
    DATA.nodes.forEach(function (n) {
      if (STY[n.kind].event && inScope(n.id) && state.kinds.has(n.kind) && dateOk(n.date)) v.add(n.id);
    });
    DATA.nodes.forEach(function (n) {
      if (STY[n.kind].event || !inScope(n.id) || !state.kinds.has(n.kind)) return;
      var evs = eventNbrs.get(n.id).filter(inScope);
      if (!evs.length || evs.some(function (e) { return v.has(e); })) v.add(n.id);
    });
    state.pinned.forEach(function (id) { v.add(id); });
    return v;
  }
  var nodeView = new vis.DataView(nodes, { filter: function (n) { return visible.has(n.id); } });
  var edgeView = new vis.DataView(edges, { filter: function (e) { return visible.has(e.from) && visible.has(e.to); } });

  var container = document.getElementById("graph");
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, {
    physics: { enabled: false, solver: "forceAtlas2Based",
               forceAtlas2Based: { gravitationalConstant: -260, centralGravity: 0.015, springLength: 110, springConstant: 0.05, avoidOverlap: 1 },
               stabilization: { enabled: false } },
    layout: { improvedLayout: false, randomSeed: 7 },
    interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: DATA.nodes.length > 1500, navigationButtons: false, keyboard: false },
    nodes: { shapeProperties: { interpolation: true }, scaling: { label: { drawThreshold: 6 } } },
    edges: { smooth: false, font: { size: 12, color: "#78909c", strokeWidth: 2, strokeColor: "#ffffff", align: "middle" },
             selectionWidth: 2, hoverWidth: 0.5 }
  });

  function place(ids, reset) {
    /* a node keeps the place it has; new nodes (and all of them, on a new view with a layout
       computed in Python) take their computed place, or else start next to a placed neighbour */
    var layout = state.all ? DATA.layout.all : DATA.layout.core;
    var updates = [], placed = new Map(), todo = [];
    ids.forEach(function (id) {
      var p = layout && layout[id], cur = nodes.get(id);
      if (p && (reset || cur.x === undefined)) { placed.set(id, p); updates.push({ id: id, x: p[0], y: p[1] }); }
      else if (cur.x !== undefined) placed.set(id, [cur.x, cur.y]);
      else todo.push(id);
    });
    var spread = 60 * Math.sqrt(ids.length), rnd = mulberry(7);
    while (todo.length) {  /* breadth first out from what is placed: related nodes start close */
      var next = [];
      todo.forEach(function (id) {
        var nb = Array.from(nbrs.get(id)).find(function (x) { return placed.has(x); });
        if (!nb) { next.push(id); return; }
        var a = rnd() * 2 * Math.PI, r = 80 + 80 * rnd(), q = placed.get(nb);
        var p = [q[0] + r * Math.cos(a), q[1] + r * Math.sin(a)];
        placed.set(id, p);
        updates.push({ id: id, x: p[0], y: p[1] });
      });
      if (next.length === todo.length) {  /* nothing placed next to: anywhere in a disc */
        next.forEach(function (id) {
          var a = rnd() * 2 * Math.PI, r = spread * Math.sqrt(rnd()), p = [r * Math.cos(a), r * Math.sin(a)];
          placed.set(id, p);
          updates.push({ id: id, x: p[0], y: p[1] });
        });
        next = [];
      }
      todo = next;
    }
    if (updates.length) nodes.update(updates);
  }
  function mulberry(a) {  /* a seeded random generator: the same page lays out the same way */
    return function () {
      a |= 0; a = a + 0x6D2B79F5 | 0;
      var t = Math.imul(a ^ a >>> 15, 1 | a);
      t = t + Math.imul(t ^ t >>> 7, 61 | t) ^ t;
      return ((t ^ t >>> 14) >>> 0) / 4294967296;
    };
  }
  function settle(done) {  /* bounded stabilisation (at most ~4 s), then physics off for good */
    var n = visible.size, iterations = n > 600 ? 150 : 250, t0 = Date.now();
    network.setOptions({ physics: { enabled: true, stabilization: { enabled: true, iterations: iterations,
                                                                   updateInterval: n > 600 ? 5 : 25, fit: true } } });
    var budget = function () { if (Date.now() - t0 > 4000) network.stopSimulation(); };
    network.on("stabilizationProgress", budget);
    network.once("stabilizationIterationsDone", function () {
      network.off("stabilizationProgress", budget);
      network.setOptions({ physics: { enabled: false } });
      keepPositions();
      network.fit();
      if (done) done();
    });
    network.stabilize(iterations);
  }

  function keepPositions(ids) {  /* write where nodes are drawn back to the data set */
    var pos = network.getPositions(ids);
    nodes.update(Object.keys(pos).map(function (id) { return { id: id, x: pos[id].x, y: pos[id].y }; }));
  }
  network.on("dragEnd", function (p) { if (p.nodes.length) keepPositions(p.nodes); });

  function apply(opts) {
    visible = computeVisible();
    place(Array.from(visible), opts && opts.relayout);
    nodeView.refresh();
    edgeView.refresh();
    if (opts && opts.relayout) settle(opts.done);
    updateStats();
    drawTimeline();
  }

  /* ---------------------------------------------------------------- header, legend, filters */
  var counts = {};
  DATA.nodes.forEach(function (n) { counts[n.kind] = (counts[n.kind] || 0) + 1; });
  var nEvents = DATA.nodes.filter(function (n) { return STY[n.kind].event; }).length;
  document.getElementById("title").textContent = DATA.title;
  function updateStats() {
    document.getElementById("stats").textContent = nEvents + " events · " + (DATA.nodes.length - nEvents) + " entities · "
      + DATA.articleCount + " articles · showing " + visible.size + " of " + DATA.nodes.length + " nodes";
  }
  var boxes = {};
  function legendRow(kind) {
    var cb = el("input");
    cb.type = "checkbox"; cb.checked = true; cb.value = kind; cb.dataset.kind = kind;
    cb.addEventListener("change", function () {
      if (cb.checked) state.kinds.add(kind); else state.kinds.delete(kind);
      syncGroup(); apply();
    });
    boxes[kind] = cb;
    return el("label", null, cb, icon(kind), STY[kind].name, el("span", "count", counts[kind] || 0));
  }
  var entBox = document.getElementById("legend-entities"), evBox = document.getElementById("legend-events");
  KINDS.filter(function (k) { return !STY[k].event; }).forEach(function (k) { entBox.appendChild(legendRow(k)); });
  var groupCb = el("input");
  groupCb.type = "checkbox"; groupCb.checked = true; groupCb.id = "all-events";
  groupCb.addEventListener("change", function () {
    KINDS.filter(function (k) { return STY[k].event; }).forEach(function (k) {
      if (boxes[k]) boxes[k].checked = groupCb.checked;
      if (groupCb.checked) state.kinds.add(k); else state.kinds.delete(k);
    });
    apply();
  });
  evBox.appendChild(el("label", "group", groupCb, "All event types", el("span", "count", nEvents)));
  KINDS.filter(function (k) { return STY[k].event && counts[k]; }).forEach(function (k) { evBox.appendChild(legendRow(k)); });
  function syncGroup() {
    var evk = KINDS.filter(function (k) { return STY[k].event; });
    var on = evk.filter(function (k) { return state.kinds.has(k); }).length;
    groupCb.checked = on === evk.length;
    groupCb.indeterminate = on > 0 && on < evk.length;
  }
  var relBox = document.getElementById("legend-relations");
  Object.keys(REL).forEach(function (r) {
    var line = el("i");
    line.style.borderTopColor = REL[r].color;
    if (r === "represents" || r === "country") line.style.borderTopStyle = "dashed";
    relBox.appendChild(el("div", "rel", line, REL[r].name));
  });

  var dates = DATA.nodes.map(function (n) { return n.date; }).filter(Boolean).sort();
  var fromIn = document.getElementById("date-from"), toIn = document.getElementById("date-to");
  var undatedIn = document.getElementById("undated");
  if (dates.length) {
    fromIn.min = toIn.min = (dates[0] + "-01-01").slice(0, 10);
    fromIn.max = toIn.max = (dates[dates.length - 1] + "-12-31").slice(0, 10);
  }
  fromIn.addEventListener("change", function () { state.from = fromIn.value; apply(); });
  toIn.addEventListener("change", function () { state.to = toIn.value; apply(); });
  undatedIn.addEventListener("change", function () { state.undated = undatedIn.checked; apply(); });
  document.getElementById("reset").addEventListener("click", function () {
    state.kinds = new Set(KINDS); state.from = state.to = ""; state.undated = true; state.pinned.clear();
    Object.keys(boxes).forEach(function (k) { boxes[k].checked = true; });
    groupCb.checked = true; groupCb.indeterminate = false; fromIn.value = toIn.value = ""; undatedIn.checked = true;
    apply();
  });
  var scopeBtn = document.getElementById("scope");
  function scopeLabel() {
    scopeBtn.hidden = !SCOPED;
    scopeBtn.textContent = state.all ? "Show top events only" : "Show all " + DATA.nodes.length + " nodes";
  }
  scopeBtn.addEventListener("click", function () {
    state.all = !state.all; state.expanded.clear(); scopeLabel(); apply({ relayout: true });
  });
  scopeLabel();

  /* ---------------------------------------------------------------- details panel */
  var details = document.getElementById("details");
  function chip(id) {
    var c = el("span", "chip", byId.get(id).name);
    c.addEventListener("click", function () { focus(id); });
    return c;
  }
  function row(dl, name, value) {
    if (value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length)) return;
    var dd = el("dd");
    (Array.isArray(value) ? value : [value]).forEach(function (v, i) {
      if (i) dd.appendChild(document.createTextNode(" "));
      dd.appendChild(typeof v === "string" ? document.createTextNode(v) : v);
    });
    dl.appendChild(el("dt", null, name));
    dl.appendChild(dd);
  }
  function showDetails(id) {
    var n = byId.get(id);
    clear(details);
    details.appendChild(el("div", "kind", icon(n.kind), STY[n.kind].name));
    details.appendChild(el("h3", null, n.name));
    var dl = el("dl");
    details.appendChild(dl);
    if (STY[n.kind].event) {
      row(dl, "Date", n.date || ("undated" + (n.noDateReason ? " (" + n.noDateReason + ")" : "")));
      row(dl, "Place", linked(id, "location", "out").map(chip));
      row(dl, "Participants", linked(id, "participant", "out").map(chip));
      row(dl, "Part of", linked(id, "partOf", "out").map(chip));
      row(dl, "Includes", linked(id, "partOf", "in").map(chip));
      row(dl, "Confidence", n.confidence === null ? null : n.confidence.toFixed(2));
      row(dl, "Status", n.planned ? "planned (not yet held when reported)" : "held");
      details.appendChild(el("h2", null, "Reported by " + n.reports.length + " article" + (n.reports.length === 1 ? "" : "s")));
      var list = el("div", "reports");
      n.reports.forEach(function (r) {
        var m = ARTICLES[r.article] || {};
        var box = el("div", "report", el("div", "title", articleName(r.article)),
          el("div", "meta", [m.published || "date unknown", m.publisher, m.title ? m.file : null].filter(Boolean).join(" · ")));
        box.dataset.article = r.article;
        r.evidence.forEach(function (s) { box.appendChild(el("blockquote", null, "“" + s + "”")); });
        if (m.url && /^https?:\/\//i.test(m.url)) {
          var a = el("a", null, "open article");
          a.href = m.url; a.target = "_blank"; a.rel = "noopener noreferrer";
          box.appendChild(el("div", "meta", a));
        }
        list.appendChild(box);
      });
      details.appendChild(list);
    } else {
      row(dl, "Also called", n.aliases.join("; "));
      row(dl, "Role", n.roles.join("; "));
      row(dl, "Represents", linked(id, "represents", "out").map(chip));
      row(dl, "Represented by", linked(id, "represents", "in").map(chip));
      row(dl, "In country", linked(id, "country", "out").map(chip));
      row(dl, "Wikidata", n.wikidata.join(", "));
      var evs = eventNbrs.get(id).map(function (e) { return byId.get(e); })
        .sort(function (a, b) { return (a.date || "9999").localeCompare(b.date || "9999"); });
      details.appendChild(el("h2", null, evs.length + " event" + (evs.length === 1 ? "" : "s")));
      var ul = el("div", "events");
      evs.forEach(function (e) {
        var c = el("div", "chip", e.label);
        c.addEventListener("click", function () { focus(e.id); });
        ul.appendChild(c);
      });
      details.appendChild(ul);
    }
  }

  /* ---------------------------------------------------------------- focus and search */
  var selected = null;
  function focus(id, opts) {
    if (!byId.has(id)) return;
    if (!inScope(id)) {
      state.expanded.add(id);
      nbrs.get(id).forEach(function (x) { state.expanded.add(x); });
    }
    state.pinned.add(id);
    apply();
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.1),
                        animation: opts && opts.animate === false ? false : { duration: 300, easingFunction: "easeInOutQuad" } });
    select(id);
  }
  function select(id) {
    selected = id;
    showDetails(id);
    markTimeline();
  }
  network.on("click", function (p) { if (p.nodes.length) select(p.nodes[0]); });

  var search = document.getElementById("search"), results = document.getElementById("search-results");
  var matches = [], active = 0;
  function norm(s) { return (s || "").toLowerCase(); }
  function runSearch() {
    var q = norm(search.value.trim());
    clear(results);
    matches = [];
    if (!q) { results.hidden = true; return; }
    DATA.nodes.forEach(function (n) {
      var hay = [n.name, n.label].concat(n.aliases || []);
      var score = hay.some(function (h) { return norm(h) === q; }) ? 0
        : hay.some(function (h) { return norm(h).indexOf(q) === 0; }) ? 1
        : hay.some(function (h) { return norm(h).indexOf(q) >= 0; }) ? 2 : -1;
      if (score >= 0) matches.push([score, STY[n.kind].event ? 1 : 0, n]);
    });
    matches.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || a[2].label.localeCompare(b[2].label); });
    matches = matches.slice(0, 20).map(function (m) { return m[2]; });
    active = 0;
    matches.forEach(function (n, i) {
      var li = el("li", i === 0 ? "active" : null, icon(n.kind), short(n.label, 60));
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); pick(n.id); });
      results.appendChild(li);
    });
    if (!matches.length) results.appendChild(el("li", null, "no match"));
    results.hidden = false;
  }
  function pick(id) { results.hidden = true; search.blur(); focus(id); }
  search.addEventListener("input", runSearch);
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && matches.length) { ev.preventDefault(); pick(matches[active].id); }
    else if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      ev.preventDefault();
      active = (active + (ev.key === "ArrowDown" ? 1 : matches.length - 1)) % Math.max(matches.length, 1);
      Array.from(results.children).forEach(function (li, i) { li.className = i === active ? "active" : ""; });
    } else if (ev.key === "Escape") { results.hidden = true; }
  });
  search.addEventListener("blur", function () { results.hidden = true; });

  /* ---------------------------------------------------------------- timeline */
  var tl = document.getElementById("timeline");
  function dayNum(d) {
    var p = (d + "-07-01").slice(0, 10).split("-");  /* a year or month sits mid-way */
    if (d.length === 7) p[2] = "15";
    return Date.UTC(+p[0], +p[1] - 1, +p[2]) / 864e5;
  }
  function ticks(lo, hi) {
    var span = hi - lo, out = [], y0 = new Date(lo * 864e5).getUTCFullYear(), y1 = new Date(hi * 864e5).getUTCFullYear();
    var stepM = span > 3650 ? 60 : span > 1460 ? 12 : span > 540 ? 6 : span > 180 ? 3 : 1;
    for (var y = y0; y <= y1; y++) {
      for (var m = 0; m < 12; m += stepM === 60 ? 12 : stepM) {
        if (stepM === 60 && y % 5) continue;
        var t = Date.UTC(y, m, 1) / 864e5;
        if (t >= lo && t <= hi) out.push([t, stepM >= 12 ? String(y) : y + "-" + String(m + 1).padStart(2, "0")]);
      }
    }
    return out;
  }
  function drawTimeline() {
    clear(tl);
    var evs = DATA.nodes.filter(function (n) { return STY[n.kind].event && visible.has(n.id); });
    var dated = evs.filter(function (n) { return n.date; });
    document.getElementById("timeline-note").textContent = "· " + dated.length + " dated events shown"
      + (evs.length > dated.length ? ", " + (evs.length - dated.length) + " undated not placed" : "") + " · click one to find it in the graph";
    var W = tl.clientWidth || 800, H = tl.clientHeight || 150, left = 96, right = 16, top = 6, bottom = 20;
    var s = svg("svg", { width: W, height: H, role: "img" });
    tl.appendChild(s);
    if (!dated.length) return;
    var rows = KINDS.filter(function (k) { return dated.some(function (n) { return n.kind === k; }); });
    var ds = dated.map(function (n) { return dayNum(n.date); });
    var lo = Math.min.apply(null, ds), hi = Math.max.apply(null, ds), pad = Math.max(15, (hi - lo) * 0.03);
    lo -= pad; hi += pad;
    var x = function (d) { return left + (d - lo) / (hi - lo) * (W - left - right); };
    var rowH = (H - top - bottom) / rows.length;
    rows.forEach(function (k, i) {
      var y = top + rowH * (i + 0.5);
      s.appendChild(svg("line", { x1: left, x2: W - right, y1: y, y2: y, stroke: "#eceff1" }));
      var t = svg("text", { x: left - 8, y: y + 4, "text-anchor": "end" });
      t.textContent = STY[k].name;
      s.appendChild(t);
    });
    ticks(lo, hi).forEach(function (t) {
      s.appendChild(svg("line", { x1: x(t[0]), x2: x(t[0]), y1: top, y2: H - bottom, stroke: "#cfd8dc", "stroke-dasharray": "2,3" }));
      var lab = svg("text", { x: x(t[0]), y: H - 6, "text-anchor": "middle" });
      lab.textContent = t[1];
      s.appendChild(lab);
    });
    dated.sort(function (a, b) { return b.reports.length - a.reports.length; }).forEach(function (n) {
      var c = svg("circle", { cx: x(dayNum(n.date)).toFixed(1), cy: (top + rowH * (rows.indexOf(n.kind) + 0.5)).toFixed(1),
                              r: (3.5 + 1.6 * Math.sqrt(n.reports.length)).toFixed(1), fill: STY[n.kind].color,
                              "fill-opacity": 0.8, stroke: "#fff", "class": "ev" });
      c.setAttribute("data-id", n.id);
      var title = svg("title");
      title.textContent = n.name + " (" + n.reports.length + " source" + (n.reports.length === 1 ? "" : "s") + ")";
      c.appendChild(title);
      c.addEventListener("click", function () { focus(n.id); });
      s.appendChild(c);
    });
    markTimeline();
  }
  function markTimeline() {
    Array.from(tl.querySelectorAll(".ev")).forEach(function (c) {
      c.classList.toggle("selected", c.getAttribute("data-id") === selected);
    });
  }
  if (window.ResizeObserver) {
    var lastW = 0;
    new ResizeObserver(function () { if (tl.clientWidth !== lastW) { lastW = tl.clientWidth; drawTimeline(); } }).observe(tl);
  }

  /* ---------------------------------------------------------------- start */
  window.dipkg = { ready: false, network: network, nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView,
                   data: DATA, state: state, focus: focus, apply: apply,
                   visibleIds: function () { return nodeView.getIds(); } };
  apply({ relayout: true, done: function () {
    network.once("afterDrawing", function () { window.dipkg.ready = true; });
    network.redraw();
  } });
}());
