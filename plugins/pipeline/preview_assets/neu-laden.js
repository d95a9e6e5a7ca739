// Live preview of `invoke serve` only (the preview server adds this script to the pages it
// serves; the built site never has it): once a second, ask the server which build is current,
// and reload as soon as it is another than the one this page came from – after an edit, and
// after a restart of the preview too. While the preview is stopped, it keeps asking.
(function () {
  "use strict";
  var version = document.currentScript.dataset.version;

  function check() {
    fetch("/__vorschau/stand.json", { cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        if (state.version !== version) {
          window.location.reload();
        } else {
          window.setTimeout(check, 1000);
        }
      })
      .catch(function () { window.setTimeout(check, 1000); });
  }

  window.setTimeout(check, 1000);
})();
