/* reviewgraph network view: draws the data built by graph/network.py with vis-network.
 * Used by the exported HTML (RGNet.standalone) and by the Streamlit explorer component (RGNet.draw).
 * Document text is only ever set with textContent or drawn on the canvas: never parsed as markup. */
(function (global) {
  "use strict";

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function legend(container, items) {
    var box = el("div", "rg-legend");
    items.forEach(function (pair) {
      var item = el("span", "rg-legend-item");
      var dot = el("span", "rg-dot");
      dot.style.backgroundColor = pair[1];
      item.appendChild(dot);
      item.appendChild(el("span", null, pair[0]));
      box.appendChild(item);
    });
    container.appendChild(box);
    return box;
  }

  function details(panel, node) {
    while (panel.firstChild) panel.removeChild(panel.firstChild);
    if (!node) {
      panel.appendChild(el("p", "rg-hint", "Click a node to see its details and where it was read from."));
      return;
    }
    panel.appendChild(el("h2", null, node.label));
    var dl = el("dl");
    Object.keys(node.details || {}).forEach(function (k) {
      dl.appendChild(el("dt", null, k));
      dl.appendChild(el("dd", null, node.details[k]));
    });
    panel.appendChild(dl);
  }

  function draw(target, data, onSelect) {
    var byId = {};
    data.nodes.forEach(function (n) { byId[n.id] = n; });
    var nodes = new vis.DataSet(data.nodes.map(function (n) {
      return {id: n.id, label: n.label, title: n.title, x: n.x, y: n.y, size: n.size,
              color: {background: n.color, border: n.color, highlight: {background: n.color, border: "#111"}},
              shape: "dot", font: {size: 16, face: "sans-serif", strokeWidth: 3, strokeColor: "#ffffff"}};
    }));
    var edges = new vis.DataSet(data.edges.map(function (e) {
      return {id: e.id, from: e.from, to: e.to, title: e.title, label: e.label, width: e.width || 1,
              arrows: e.arrows !== undefined ? e.arrows : (data.aggregated ? "" : "to"),
              dashes: e.dashes || false,
              color: {color: "#b0b7bf", highlight: "#1d2329"}, font: {size: 12, align: "middle"}};
    }));
    var network = new vis.Network(target, {nodes: nodes, edges: edges}, {
      physics: {enabled: false},
      interaction: {hover: true, tooltipDelay: 120, multiselect: false, navigationButtons: false},
      edges: {smooth: false, arrows: {to: {enabled: !data.aggregated, scaleFactor: 0.45}}},
      nodes: {shape: "dot"}
    });
    network.on("click", function (p) {
      var id = p.nodes && p.nodes.length ? p.nodes[0] : null;
      highlight(id);
      if (onSelect) onSelect(id, id ? byId[id] : null);
    });
    network.once("afterDrawing", function () { target.setAttribute("data-drawn", "1"); });
    global.rgNetwork = network;
    global.rgNodes = byId;
    global.rgData = {nodes: nodes, edges: edges, source: data};
    return network;
  }

  /* The chosen node and its links stand out: its neighbours keep their colour, every other node and link
   * fades; no id (or an unknown one) brings every colour back. */
  function highlight(id) {
    var d = global.rgData;
    if (!d) return;
    var near = {};
    var known = id && global.rgNodes[id];
    if (known) {
      near[id] = true;
      d.source.edges.forEach(function (e) {
        if (e.from === id) near[e.to] = true;
        if (e.to === id) near[e.from] = true;
      });
    }
    d.nodes.update(d.source.nodes.map(function (n) {
      var on = !known || near[n.id];
      var colour = on ? n.color : "#dfe3e6";
      return {id: n.id, color: {background: colour, border: n.id === id ? "#111" : colour,
                                highlight: {background: n.color, border: "#111"}},
              borderWidth: n.id === id ? 3 : 1,
              font: {size: n.id === id ? 18 : 16, color: on ? "#1d2329" : "#b8bfc6",
                     strokeWidth: 3, strokeColor: "#ffffff"}};
    }));
    d.edges.update(d.source.edges.map(function (e) {
      var on = known && (e.from === id || e.to === id);
      return {id: e.id, width: on ? (e.width || 1) * 2.5 : (e.width || 1),
              color: {color: on ? "#1d2329" : (known ? "#e8ebee" : "#b0b7bf"), highlight: "#1d2329"}};
    }));
    if (known) global.rgNetwork.selectNodes([id]);
    if (global.document && global.document.getElementById("rg-network")) {
      global.document.getElementById("rg-network").setAttribute("data-selected", known ? id : "");
    }
  }

  function standalone(root, data) {
    if (data.note) root.appendChild(el("p", "rg-note", data.note));
    legend(root, data.legend || []);
    var body = el("div", "rg-body");
    var canvas = el("div", "rg-network");
    canvas.id = "rg-network";
    var panel = el("aside", "rg-details");
    panel.id = "rg-details";
    body.appendChild(canvas);
    body.appendChild(panel);
    root.appendChild(body);
    details(panel, null);
    return draw(canvas, data, function (id, node) { details(panel, node); });
  }

  global.RGNet = {draw: draw, legend: legend, details: details, standalone: standalone, highlight: highlight};
})(window);
