// Fill the slug from the title (or name) as the editor types, folding Vietnamese tone marks:
// "Nâng cao ý thức, trách nhiệm" -> "nang-cao-y-thuc-trach-nhiem", đ -> d. Django's own
// prepopulate (URLify) turns "Đường" into "djng", so this replaces it, mirroring articles/text.py.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  const slug = document.getElementById("id_slug");
  const source = document.getElementById("id_title") || document.getElementById("id_name");
  if (!slug || !source) return;
  const maxLength = parseInt(slug.getAttribute("maxlength") || "200", 10);
  const fold = (text) =>
    text
      .replace(/đ/g, "d").replace(/Đ/g, "D")
      .normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+/, "")
      .slice(0, maxLength)
      .replace(/-+$/, "");
  // An existing object keeps its address unless the editor changes it by hand.
  let typedByHand = slug.value !== "";
  slug.addEventListener("input", function () { typedByHand = slug.value !== ""; });
  source.addEventListener("input", function () {
    if (!typedByHand) slug.value = fold(source.value);
  });
});
