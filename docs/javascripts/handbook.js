/* The handbook's own behaviour, no library: a printed page's header and footer. */
(function () {
  "use strict";

  /* A CSS string literal: the text can never end the string or the rule. */
  function cssString(text) {
    return '"' + String(text).replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/[\r\n]+/g, " ") + '"';
  }

  /* A printed page carries its title at the top and its address and the data's date at the
     bottom of every sheet (CSS page-margin boxes, filled here because only the page knows its
     own address: https://, an intranet, or file:// for the offline copy). */
  function printFrame() {
    var heading = document.querySelector(".md-content h1");
    var date = document.querySelector('meta[name="hb-data-date"]');
    var title = heading ? heading.textContent.replace(/¶$/, "").trim() : document.title;
    var footer = location.href.split("#")[0] + (date ? "  ·  数据日期 " + date.content : "");
    var style = document.createElement("style");
    style.media = "print";
    style.textContent =
      "@page { @top-center { content: " + cssString(title) + "; font-size: 9pt; color: #444; }" +
      " @bottom-left { content: " + cssString(footer) + "; font-size: 8pt; color: #444; }" +
      ' @bottom-right { content: counter(page) " / " counter(pages); font-size: 8pt; color: #444; } }';
    document.head.appendChild(style);
  }

  printFrame();
})();
