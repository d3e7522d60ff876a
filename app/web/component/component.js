/* The explorer's Streamlit component: speaks Streamlit's component protocol with postMessage (no build step),
 * draws the network with RGNet.draw, and sends the id of a clicked node back to Python. */
(function () {
  "use strict";
  var drawnSignature = null;

  function send(type, extra) {
    var msg = {isStreamlitMessage: true, type: type};
    Object.keys(extra || {}).forEach(function (k) { msg[k] = extra[k]; });
    window.parent.postMessage(msg, "*");
  }

  function render(args) {
    var data = args.data;
    var height = args.height || 640;
    var net = document.getElementById("rg-network");
    net.style.height = height + "px";
    if (data.signature !== drawnSignature) {
      drawnSignature = data.signature;
      var legend = document.getElementById("rg-legend");
      while (legend.firstChild) legend.removeChild(legend.firstChild);
      if (args.legend) RGNet.legend(legend, data.legend || []);
      net.removeAttribute("data-drawn");
      if (window.rgNetwork) window.rgNetwork.destroy();
      RGNet.draw(net, data, function (id) {
        if (id) send("streamlit:setComponentValue", {value: id, dataType: "json"});
      });
    }
    if (window.rgNetwork) RGNet.highlight(args.selected || null);  // the node chosen here or in the picker
    send("streamlit:setFrameHeight", {height: document.body.scrollHeight + 4});
  }

  window.addEventListener("message", function (event) {
    if (event.data && event.data.type === "streamlit:render") render(event.data.args || {});
  });
  send("streamlit:componentReady", {apiVersion: 1});
})();
