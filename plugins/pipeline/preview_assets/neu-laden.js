// Live preview of `invoke serve` only (the preview server adds this script to the pages it
// serves; the built site never has it): reload as soon as the server reports another build
// than the one this page came from. The server also sends the current build on every
// reconnect, so a restarted preview reloads the open tabs too.
(function () {
  "use strict";
  var version = document.currentScript.dataset.version;
  var events = new EventSource("/__vorschau/ereignisse");
  events.onmessage = function (event) {
    if (event.data !== version) {
      events.close();
      window.location.reload();
    }
  };
})();
