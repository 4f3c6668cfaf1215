/* The reader site's only script: text size (kept in localStorage), share and copy link, print,
   and the view beacon. Loaded from our own origin (CSP: script-src 'self'); no inline scripts. */
(function () {
  "use strict";
  var KEY = "portal:text-size";
  var root = document.documentElement;

  function storedSize() {
    try { return parseInt(localStorage.getItem(KEY) || "0", 10) || 0; } catch (e) { return 0; }
  }
  function applySize(size) {
    size = Math.max(-1, Math.min(2, size));
    if (size) { root.setAttribute("data-text-size", String(size)); } else { root.removeAttribute("data-text-size"); }
    return size;
  }
  // Before the body is drawn, so the text does not jump; "js" lets the CSS fold the phone header.
  applySize(storedSize());
  root.classList.add("js");

  function status(message) {
    var box = document.querySelector(".tool-status");
    if (box) { box.textContent = message; }
  }

  function pressButtons(size) {
    document.querySelectorAll("[data-text-size]").forEach(function (button) {
      var step = parseInt(button.getAttribute("data-text-size"), 10);
      button.setAttribute("aria-pressed", step === 0 && size === 0 ? "true" : "false");
    });
  }

  function setupTextSize() {
    pressButtons(storedSize());
    document.querySelectorAll("button[data-text-size]").forEach(function (button) {
      button.addEventListener("click", function () {
        var step = parseInt(button.getAttribute("data-text-size"), 10);
        var size = applySize(step === 0 ? 0 : storedSize() + step);
        try { localStorage.setItem(KEY, String(size)); } catch (e) { /* private mode: not kept */ }
        pressButtons(size);
      });
    });
  }

  function setupShare() {
    document.querySelectorAll("[data-copy-link]").forEach(function (button) {
      button.addEventListener("click", function () {
        var url = button.getAttribute("data-copy-link");
        var done = function () { status(button.getAttribute("data-copied-text")); };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(url).then(done, function () { fallbackCopy(url); done(); });
        } else { fallbackCopy(url); done(); }
      });
    });
    // On phones the system share sheet lists Zalo itself; elsewhere the link opens Zalo's page.
    document.querySelectorAll("[data-native-share]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        if (navigator.share && /Android|iPhone|iPad/i.test(navigator.userAgent)) {
          event.preventDefault();
          navigator.share({ title: link.getAttribute("data-share-title"), url: link.getAttribute("data-share-url") }).catch(function () {});
        }
      });
    });
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
  }

  // Phones: the search icon and the menu button open the search form and the whole menu (with the
  // sub-categories and the language switch); the section strip shows the current section.
  function setupHeader() {
    var header = document.querySelector(".site-header");
    if (!header) { return; }
    function toggle(button, name, focus) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var open = !header.classList.contains(name);
        header.classList.toggle(name, open);
        button.setAttribute("aria-expanded", open ? "true" : "false");
        if (open && focus) { var field = header.querySelector(focus); if (field) { field.focus(); } }
      });
    }
    var search = header.querySelector(".search-toggle");
    var menu = header.querySelector(".menu-toggle");
    if (search) { toggle(search, "search-open", "input[type=search]"); }
    if (menu) { toggle(menu, "menu-open", null); }
    var strip = header.querySelector(".main-nav .menu");
    var current = strip && strip.querySelector(":scope > li > a[aria-current]");
    if (current && strip.scrollWidth > strip.clientWidth) {
      var item = current.parentNode;
      var left = item.getBoundingClientRect().left - strip.getBoundingClientRect().left + strip.scrollLeft;
      strip.scrollLeft = Math.max(0, left - (strip.clientWidth - item.offsetWidth) / 2);
    }
  }

  function fallbackCopy(text) {
    var field = document.createElement("textarea");
    field.value = text;
    field.setAttribute("readonly", "");
    field.style.position = "absolute";
    field.style.left = "-9999px";
    document.body.appendChild(field);
    field.select();
    try { document.execCommand("copy"); } catch (e) { /* nothing more we can do */ }
    document.body.removeChild(field);
  }

  function sendViewBeacon() {
    var article = document.querySelector("[data-view-beacon]");
    if (!article || !window.fetch) { return; }
    fetch(article.getAttribute("data-view-beacon"), {
      method: "POST",
      credentials: "same-origin",
      keepalive: true,
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ token: article.getAttribute("data-view-token") })
    }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (data) {
      var count = document.querySelector("[data-view-count]");
      if (data && count && typeof data.views === "number") {
        count.textContent = data.views.toLocaleString(root.lang === "en" ? "en" : "vi-VN");
      }
      if (data) { article.setAttribute("data-view-counted", data.counted ? "yes" : "no"); }
    }).catch(function () { /* counting is best effort */ });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupHeader();
    setupTextSize();
    setupShare();
  });
  window.addEventListener("load", sendViewBeacon);
})();
