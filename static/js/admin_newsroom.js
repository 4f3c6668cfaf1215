/* The article form never loses a word (issue 9):
 * - a warning before leaving the page with unsaved changes;
 * - a copy of the unsaved changes in this browser every few seconds, offered back after a crash,
 *   a closed tab or an expired session;
 * - who else has the article open, renewed every 30 seconds. */
function newsroomForm() {
  "use strict";
  const form = document.getElementById("article_form");
  if (!form) return;
  const SKIP = new Set(["csrfmiddlewaretoken", "seen_version"]);

  function fields() {
    return Array.from(form.elements).filter(
      (el) => el.name && !SKIP.has(el.name) && el.type !== "file" && el.type !== "submit" && el.type !== "button"
    );
  }
  function serialize() {
    const values = {};
    for (const el of fields()) {
      if (el.type === "checkbox" || el.type === "radio") {
        if (el.type === "radio" && !el.checked) continue;
        values[el.name] = el.type === "checkbox" ? el.checked : el.value;
      } else if (el.multiple) {
        values[el.name] = Array.from(el.selectedOptions).map((o) => o.value);
      } else {
        values[el.name] = el.value;
      }
    }
    return JSON.stringify(values);
  }

  let baseline = null;
  let submitting = false;
  const box = document.getElementById("newsroom-draft-copy");
  const key = box ? box.dataset.key : null;

  function dirty() {
    return baseline !== null && !submitting && serialize() !== baseline;
  }

  window.addEventListener("beforeunload", (event) => {
    if (dirty()) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
  form.addEventListener("submit", () => {
    submitting = true;
  });

  function ready(callback) {
    // CKEditor rewrites the body's markup when it starts: compare against what it holds.
    const started = Date.now();
    (function wait() {
      const editor = window.editors && window.editors.id_body;
      if (editor || Date.now() - started > 8000 || !document.getElementById("id_body")) {
        if (editor) document.getElementById("id_body").value = editor.getData();
        callback();
      } else {
        setTimeout(wait, 100);
      }
    })();
  }

  function putBack(values) {
    for (const el of fields()) {
      if (!(el.name in values)) continue;
      const value = values[el.name];
      if (el.type === "checkbox") el.checked = value;
      else if (el.type === "radio") el.checked = el.value === value;
      else if (el.multiple) Array.from(el.options).forEach((o) => (o.selected = value.includes(o.value)));
      else el.value = value;
      el.dispatchEvent(new Event("change", { bubbles: true }));
    }
    const editor = window.editors && window.editors.id_body;
    if (editor && "body" in values) editor.setData(values.body);
  }

  ready(() => {
    baseline = serialize();
    if (!key || !window.localStorage) return;
    let saved = null;
    try {
      saved = JSON.parse(localStorage.getItem(key) || "null");
    } catch (e) {
      saved = null;
    }
    const errors = document.querySelector(".errornote");
    if (saved && saved.values !== baseline && !errors) {
      const when = new Date(saved.at).toLocaleString("vi-VN");
      box.querySelector(".newsroom-draft-text").textContent = box.dataset.savedLabel.replace("{time}", when);
      box.hidden = false;
      document.getElementById("newsroom-draft-restore").addEventListener("click", () => {
        putBack(JSON.parse(saved.values));
        box.hidden = true;
      });
      document.getElementById("newsroom-draft-discard").addEventListener("click", () => {
        localStorage.removeItem(key);
        box.hidden = true;
      });
    } else if (saved && saved.values === baseline) {
      localStorage.removeItem(key); // saved on the server: nothing to offer back
    }
    setInterval(() => {
      if (dirty()) localStorage.setItem(key, JSON.stringify({ at: Date.now(), values: serialize() }));
    }, 5000);
  });

  const note = document.getElementById("newsroom-presence");
  if (note && note.dataset.url) {
    const token = form.querySelector("[name=csrfmiddlewaretoken]");
    const renew = () =>
      fetch(note.dataset.url, {
        method: "POST",
        headers: { "X-CSRFToken": token ? token.value : "" },
        credentials: "same-origin",
      })
        .then((r) => (r.ok ? r.json() : null))
        .then((data) => {
          if (!data) return;
          note.hidden = data.others.length === 0;
          note.textContent = note.dataset.label + " ";
          const names = document.createElement("strong");
          names.textContent = data.others.join(", ");
          note.appendChild(names);
        })
        .catch(() => {});
    setInterval(renew, 30000);
  }
}

// The admin loads this script in the page's head, before the form exists.
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", newsroomForm);
else newsroomForm();
