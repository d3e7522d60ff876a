/* The explorer's Streamlit component: speaks Streamlit's component protocol with postMessage (no build step),
 * draws the network with RGNet.draw, and sends the id of a clicked node back to Python. The data comes as
 * JSON text (parsed here, once per new text). */
(function () {
  "use strict";
  var drawnSignature = null;
  var lastText = null;
  var lastData = null;
  var shownSelection = null;  // what RGNet.highlight last showed (null: every colour as drawn)
  var shownLegend = null;

  function send(type, extra) {
    var msg = {isStreamlitMessage: true, type: type};
    Object.keys(extra || {}).forEach(function (k) { msg[k] = extra[k]; });
    window.parent.postMessage(msg, "*");
  }

  function parsed(text) {
    if (typeof text !== "string") return text;
    if (text !== lastText) {
      lastText = text;
      lastData = JSON.parse(text);
    }
    return lastData;
  }

  function render(args) {
    var data = parsed(args.data);
    var height = args.height || 640;
    var net = document.getElementById("rg-network");
    net.style.height = height + "px";
    var legendText = JSON.stringify(args.legend || []);
    if (legendText !== shownLegend) {  // [[words, colour], ...]: set as text, never as markup
      shownLegend = legendText;
      var legend = document.getElementById("rg-legend");
      while (legend.firstChild) legend.removeChild(legend.firstChild);
      if ((args.legend || []).length) RGNet.legend(legend, args.legend);
    }
    if (data.signature !== drawnSignature) {
      drawnSignature = data.signature;
      net.removeAttribute("data-drawn");
      if (window.rgNetwork) window.rgNetwork.destroy();
      RGNet.draw(net, data, function (id) {
        shownSelection = id || null;  // a click highlights in the frame itself
        if (id) send("streamlit:setComponentValue", {value: id, dataType: "json"});
      });
      shownSelection = null;  // a new drawing starts with every colour as drawn
    }
    // the node chosen here or in the picker; restyling every node and link redraws the whole network, so
    // only when the choice changed (Streamlit sends the same arguments again after each height change)
    var selected = args.selected || null;
    if (window.rgNetwork && selected !== shownSelection) {
      RGNet.highlight(selected);
      shownSelection = selected;
    }
    send("streamlit:setFrameHeight", {height: document.body.scrollHeight + 4});
  }

  window.addEventListener("message", function (event) {
    if (event.data && event.data.type === "streamlit:render") render(event.data.args || {});
  });
  send("streamlit:componentReady", {apiVersion: 1});
})();
