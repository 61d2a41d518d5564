// The WebSocket follows the page's own address (http -> ws, https -> wss, same host), so the
// site works unchanged behind a reverse proxy with TLS. textual.js reads it on window.onload.
(function () {
  var terminal = document.getElementById("terminal");
  var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
  terminal.dataset.sessionWebsocketUrl = scheme + window.location.host + "/ws";
})();
