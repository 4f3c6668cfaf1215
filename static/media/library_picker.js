/* Pick library images in the article form: as the cover (next to the cover's file input) and
   into the body (a button above each CKEditor). The picker searches the library as you type
   (caption, credit, alt text; tone marks optional). Picking a cover fills in its alt text,
   caption and credit when they are empty; an image put in the body carries its alt text, and
   its caption and credit as the figure's caption. */
(function () {
  "use strict";

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function picker(anchor, url, labels, onPick) {
    var panel = el("div", "library-picker");
    panel.hidden = true;
    var label = el("label", null, labels.search);
    var search = el("input");
    search.type = "search";
    search.id = "library-search-" + Math.random().toString(36).slice(2);
    label.htmlFor = search.id;
    var list = el("ul");
    var empty = el("p", "library-empty", labels.empty);
    empty.hidden = true;
    panel.append(label, " ", search, list, empty);
    anchor.after(panel);
    var timer = null;
    var asked = 0;

    function load() {
      var ask = ++asked;
      fetch(url + "?q=" + encodeURIComponent(search.value), { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) { return r.json(); })
        .then(function (answer) {
          if (ask !== asked) return;
          list.replaceChildren();
          (answer.images || []).forEach(function (image) {
            var li = el("li");
            var b = el("button", "pick");
            b.type = "button";
            b.dataset.imageId = image.id;
            var img = el("img");
            img.src = image.url;
            img.alt = image.alt;
            img.loading = "lazy";
            b.append(img, el("span", "pick-caption", image.caption || image.alt));
            b.addEventListener("click", function () { onPick(image); panel.hidden = true; });
            li.appendChild(b);
            list.appendChild(li);
          });
          empty.hidden = list.children.length > 0;
        });
    }
    search.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(load, 250); });
    search.addEventListener("keydown", function (event) { if (event.key === "Enter") event.preventDefault(); });
    return {
      toggle: function () {
        panel.hidden = !panel.hidden;
        if (!panel.hidden) { load(); search.focus(); }
      },
    };
  }

  function fillIfEmpty(id, value) {
    var field = document.getElementById(id);
    if (field && !field.value.trim() && value) field.value = value;
  }

  function start() {
  document.querySelectorAll(".library-cover[data-library-pick-url]").forEach(function (holder) {
    var data = holder.dataset;
    var form = holder.closest("form");
    var hidden = form.querySelector('input[name="' + data.target + '__library"]');
    var fileInput = form.querySelector('input[type=file][name="' + data.target + '"]');
    var open = el("button", "button library-open", data.label);
    open.type = "button";
    var chosen = el("span", "library-chosen");
    chosen.setAttribute("role", "status");
    holder.append(open, " ", chosen);
    var p = picker(holder, data.libraryPickUrl, { search: data.searchLabel, empty: data.empty }, function (image) {
      hidden.value = image.id;
      if (fileInput) fileInput.value = "";
      chosen.textContent = data.chosen + " " + (image.caption || image.alt) + " (" + image.name.split("/").pop() + ")";
      fillIfEmpty("id_" + data.target.replace("_image", "_alt"), image.alt);
      fillIfEmpty("id_" + data.target.replace("_image", "_caption"), image.caption);
      fillIfEmpty("id_" + data.target.replace("_image", "_credit"), image.credit);
    });
    open.addEventListener("click", p.toggle);
    if (fileInput) fileInput.addEventListener("change", function () { hidden.value = ""; chosen.textContent = ""; });
  });

  /* The body: "Insert an image from the library" above each editor. */
  var cover = document.querySelector(".library-cover[data-library-pick-url]");
  if (!cover) return;
  var texts = cover.dataset;
  document.querySelectorAll(".ck-editor-container").forEach(function (container) {
    var textarea = container.querySelector("textarea");
    if (!textarea) return;
    var bar = el("p", "library-insert");
    var open = el("button", "button library-open", texts.insertLabel || texts.label);
    open.type = "button";
    bar.appendChild(open);
    container.before(bar);
    var p = picker(bar, texts.libraryPickUrl, { search: texts.searchLabel, empty: texts.empty }, function (image) {
      var editor = window.editors && window.editors[textarea.id];
      if (!editor) return;
      var captionText = [image.caption, image.credit].filter(Boolean).join(" — ");
      editor.model.change(function (writer) {
        var node = writer.createElement("imageBlock", { src: image.url, alt: image.alt });
        if (captionText) {
          var caption = writer.createElement("caption");
          writer.insertText(captionText, caption);
          writer.append(caption, node);
        }
        editor.model.insertObject(node, null, null, { setSelection: "after" });
      });
      editor.editing.view.focus();
    });
    open.addEventListener("click", p.toggle);
  });
  }

  // Loaded in the admin's <head> (the widget's Media): wait for the form.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
