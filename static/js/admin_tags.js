// Suggest existing tags while an editor types in the comma-separated tag field.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  const input = document.getElementById("id_tags");
  if (!input) return;
  const list = document.createElement("datalist");
  list.id = "id_tags_suggestions";
  input.after(list);
  input.setAttribute("list", list.id);
  input.setAttribute("autocomplete", "off");
  const base = window.location.pathname.replace(/(\/articles\/article\/).*$/, "$1");
  const url = new URL(base + "tag-suggestions/", window.location.origin);
  let timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(async function () {
      const parts = input.value.split(",");
      const term = parts.pop().trim();
      if (term.length < 1) return;
      const prefix = parts.map((p) => p.trim()).filter(Boolean).join(", ");
      url.searchParams.set("q", term);
      const response = await fetch(url, { credentials: "same-origin" });
      if (!response.ok) return;
      const data = await response.json();
      list.replaceChildren(...data.results.map(function (name) {
        const option = document.createElement("option");
        option.value = prefix ? prefix + ", " + name : name;
        return option;
      }));
    }, 200);
  });
});
