// The CMS preview pane uses the site's own stylesheet (its address is rewritten by `invoke publish`
// when the stylesheet gets a hashed name, so it comes from the tag's attribute, not from here).
/* global CMS */
(function () {
  "use strict";
  var stylesheet = document.currentScript.getAttribute("data-stylesheet");
  window.CMS.registerPreviewStyle(new URL(stylesheet, document.baseURI).href);
})();
