/* The handbook's own behaviour, no library and nothing fetched: the printed page's header and
   footer, tables as cards on small screens, sortable long tables, the directory's filter box, and
   names for the theme's landmarks. */
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

  /* The theme's search dialog has no name, its table of contents appears twice under one label
     (sidebar and, on small screens, inside the navigation drawer), and its section drawers point
     to labels that do not exist. */
  function nameLandmarks() {
    document.querySelectorAll('.md-search[role="dialog"]').forEach(function (dialog) {
      dialog.setAttribute("aria-label", "搜索");
    });
    document.querySelectorAll(".md-nav--primary .md-nav--secondary").forEach(function (nav) {
      nav.setAttribute("aria-label", "本页目录（导航栏内）");
    });
    /* With navigation.indexes a section's drawer names itself by a label id that is not there. */
    document.querySelectorAll("nav[aria-labelledby]").forEach(function (nav) {
      if (document.getElementById(nav.getAttribute("aria-labelledby"))) return;
      var item = nav.closest("li");
      var link = item && item.querySelector(".md-nav__link");
      nav.removeAttribute("aria-labelledby");
      nav.setAttribute("aria-label", (link ? link.textContent.trim() : "") + "（子导航）");
    });
  }

  function headers(table) {
    return Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
      return th.textContent.trim();
    });
  }

  /* Every cell knows its column's header, shown before it when rows become cards. */
  function cards(table) {
    var names = headers(table);
    if (names.length < 4) return;  /* two or three columns fit a phone as they are */
    table.setAttribute("data-hb-cards", "");
    table.querySelectorAll("tbody tr").forEach(function (row) {
      Array.prototype.forEach.call(row.children, function (cell, i) {
        cell.setAttribute("data-label", names[i] || "");
      });
    });
  }

  function cellValue(row, column) {
    var cell = row.children[column];
    return cell ? cell.textContent.trim() : "";
  }

  /* Chinese collation (pinyin order), digit runs compared as numbers: 9 before 30. */
  var collator = new Intl.Collator("zh-Hans-CN", { numeric: true });

  /* A long table sorts by any column: a button in each header, its state in aria-sort. */
  function sortable(table) {
    var body = table.tBodies[0];
    if (!body || body.rows.length < 8) return;
    var ths = table.querySelectorAll("thead th");
    ths.forEach(function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "hb-sort";
      button.textContent = th.textContent;
      button.title = "按此列排序";
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        ths.forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var order = collator.compare(cellValue(a, column), cellValue(b, column));
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  /* A table wider than its box can be scrolled from the keyboard too. */
  function focusableScroll() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", "表格（可横向滚动）");
      } else {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }

  /* The directory's filter: rows and list entries whose text holds every word typed (those of the
     tables marked .hb-filtered, so that a place page's plans stay shown; else every row and entry). */
  function filterBox() {
    var input = document.getElementById("hb-filter");
    if (!input) return;
    var status = document.getElementById("hb-filter-status");
    var scoped = document.querySelector(".md-content .hb-filtered");
    var items = document.querySelectorAll(scoped ? ".md-content .hb-filtered tbody tr, .md-content .hb-filtered li"
                                                 : ".md-content tbody tr, .md-content li");
    input.addEventListener("input", function () {
      var words = input.value.trim().split(/\s+/).filter(Boolean);
      var shown = 0;
      items.forEach(function (item) {
        var text = item.textContent;
        var match = words.every(function (w) { return text.indexOf(w) !== -1; });
        item.hidden = !match;
        if (match && item.tagName === "TR") shown += 1;
      });
      if (status) status.textContent = words.length ? "显示 " + shown + " 行" : "";
    });
  }

  printFrame();
  nameLandmarks();
  document.querySelectorAll(".md-typeset table:not([class])").forEach(function (table) {
    sortable(table);
    cards(table);
  });
  filterBox();
  focusableScroll();
  window.addEventListener("resize", focusableScroll);
})();
