// The WebSocket follows the page's own address (http -> ws, https -> wss, same host), so the
// site works unchanged behind a reverse proxy with TLS. textual.js reads it on window.onload.
(function () {
  var terminal = document.getElementById("terminal");
  var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
  terminal.dataset.sessionWebsocketUrl = scheme + window.location.host + "/ws";
})();

// The keyboard goes to the terminal as soon as it exists, as in a terminal window: a participant
// who presses a key after joining must not have to click into the page first.
(function () {
  var tries = 0;
  var timer = setInterval(function () {
    var input = document.querySelector("#terminal .xterm-helper-textarea");
    tries += 1;
    if (input) {
      if (!document.activeElement || document.activeElement === document.body) {
        input.focus();
      }
      clearInterval(timer);
    } else if (tries > 100) {
      clearInterval(timer);
    }
  }, 100);
})();
