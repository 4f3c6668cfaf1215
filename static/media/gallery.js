/* Photo galleries (medialib): a grid that opens a viewer. Keyboard: Enter opens, ← → move,
   Esc closes (focus goes back to the photo); touch: swipe left or right. Without this script
   the gallery is a plain list of figures. */
(function () {
  "use strict";

  function button(className, label, text) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "viewer-button " + className;
    b.setAttribute("aria-label", label);
    b.textContent = text;
    return b;
  }

  function init(gallery) {
    var links = Array.prototype.slice.call(gallery.querySelectorAll(".gallery-open"));
    if (!links.length || typeof HTMLDialogElement === "undefined") return;
    gallery.classList.add("is-enhanced");
    var data = gallery.dataset;
    var dialog = document.createElement("dialog");
    dialog.className = "gallery-viewer";
    dialog.setAttribute("aria-label", data.label);
    var stage = document.createElement("div");
    stage.className = "viewer-stage";
    var caption = document.createElement("p");
    caption.className = "viewer-caption";
    var counter = document.createElement("p");
    counter.className = "viewer-counter";
    counter.setAttribute("aria-live", "polite");
    var close = button("viewer-close", data.close, "×");
    var previous = button("viewer-previous", data.previous, "‹");
    var next = button("viewer-next", data.next, "›");
    dialog.append(stage, caption, counter, previous, next, close);
    document.body.appendChild(dialog);
    var current = 0;

    function show(index) {
      current = (index + links.length) % links.length;
      var picture = links[current].querySelector("picture").cloneNode(true);
      picture.querySelectorAll("source, img").forEach(function (el) { el.setAttribute("sizes", "100vw"); });
      var img = picture.querySelector("img");
      img.removeAttribute("loading");
      stage.replaceChildren(picture);
      var figcaption = links[current].closest("figure").querySelector("figcaption");
      caption.replaceChildren();
      if (figcaption) caption.append.apply(caption, Array.prototype.slice.call(figcaption.cloneNode(true).childNodes));
      counter.textContent = data.counter.replace("{n}", current + 1).replace("{total}", links.length);
      previous.hidden = next.hidden = links.length < 2;
    }

    links.forEach(function (link, index) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        show(index);
        dialog.showModal();
        close.focus();
      });
    });
    previous.addEventListener("click", function () { show(current - 1); });
    next.addEventListener("click", function () { show(current + 1); });
    close.addEventListener("click", function () { dialog.close(); });
    dialog.addEventListener("keydown", function (event) {
      if (event.key === "ArrowRight") { event.preventDefault(); show(current + 1); }
      else if (event.key === "ArrowLeft") { event.preventDefault(); show(current - 1); }
    });
    dialog.addEventListener("close", function () { links[current].focus(); });
    var startX = null;
    stage.addEventListener("pointerdown", function (event) { startX = event.clientX; });
    stage.addEventListener("pointerup", function (event) {
      if (startX === null) return;
      var dx = event.clientX - startX;
      startX = null;
      if (Math.abs(dx) > 40) show(current + (dx < 0 ? 1 : -1));
    });
  }

  document.querySelectorAll("[data-gallery]").forEach(init);
})();
