/* The media library's multi-upload page: each chosen or dropped image gets a row with its alt
   text, caption and credit; "Upload all" sends each file on its own request, with a progress bar,
   and shows the server's answer (or its refusal, in the staff's language) next to that file. */
(function () {
  "use strict";
  var root = document.querySelector("[data-library-upload]");
  if (!root) return;
  var text = root.dataset;
  var input = root.querySelector("input[type=file]");
  var drop = root.querySelector(".library-drop");
  var queue = root.querySelector(".library-queue");
  var sendAll = root.querySelector("[data-upload-all]");
  var batchCredit = root.querySelector("#library-credit");
  var csrf = root.querySelector("[name=csrfmiddlewaretoken]").value;
  var rows = [];
  var counter = 0;

  function field(row, name, label, required) {
    var id = "library-" + name + "-" + row.id;
    var p = document.createElement("p");
    var l = document.createElement("label");
    l.htmlFor = id;
    l.textContent = label;
    var i = document.createElement("input");
    i.type = "text";
    i.id = id;
    i.name = name;
    i.maxLength = name === "alt" ? 255 : name === "credit" ? 200 : 500;
    if (required) i.required = true;
    p.append(l, " ", i);
    row.el.appendChild(p);
    row.inputs[name] = i;
  }

  function errors(row, messages) {
    row.el.classList.remove("is-done");
    row.el.classList.add("is-error");
    row.errors.replaceChildren();
    messages.forEach(function (m) {
      var li = document.createElement("li");
      li.textContent = m;
      row.errors.appendChild(li);
    });
    row.status.textContent = text.failed;
  }

  function add(file) {
    var row = { id: ++counter, file: file, inputs: {}, state: "pending" };
    row.el = document.createElement("li");
    row.el.dataset.file = file.name;
    var img = document.createElement("img");
    img.alt = "";
    if (/^image\//.test(file.type)) img.src = URL.createObjectURL(file);
    var name = document.createElement("span");
    name.className = "file-name";
    name.textContent = file.name + " (" + (file.size / 1048576).toFixed(1).replace(".", ",") + " MB)";
    row.el.append(img, name);
    field(row, "alt", text.altLabel, true);
    field(row, "caption", text.captionLabel, false);
    field(row, "credit", text.creditLabel, false);
    row.inputs.credit.value = batchCredit.value;
    row.progress = document.createElement("progress");
    row.progress.max = 100;
    row.progress.value = 0;
    row.status = document.createElement("span");
    row.status.className = "file-status";
    row.status.setAttribute("role", "status");
    row.errors = document.createElement("ul");
    row.errors.className = "file-errors errorlist";
    var remove = document.createElement("button");
    remove.type = "button";
    remove.textContent = text.remove;
    remove.addEventListener("click", function () {
      rows = rows.filter(function (r) { return r !== row; });
      row.el.remove();
      sendAll.disabled = !rows.some(function (r) { return r.state !== "done"; });
    });
    var line = document.createElement("p");
    line.append(row.progress, " ", row.status, " ", remove);
    row.el.append(line, row.errors);
    queue.appendChild(row.el);
    rows.push(row);
    row.remove = remove;
    if (file.size > Number(text.maxBytes)) {
      row.state = "refused";
      errors(row, [text.tooBig]);
    }
    sendAll.disabled = false;
  }

  function upload(row) {
    if (row.state === "done" || row.state === "sending" || row.state === "refused") return;
    if (!row.inputs.alt.value.trim()) {
      errors(row, [text.needAlt]);
      row.inputs.alt.focus();
      return;
    }
    row.state = "sending";
    row.el.classList.remove("is-error");
    row.errors.replaceChildren();
    row.status.textContent = text.uploading;
    var data = new FormData();
    data.append("file", row.file);
    ["alt", "caption", "credit"].forEach(function (n) { data.append(n, row.inputs[n].value); });
    var xhr = new XMLHttpRequest();
    xhr.open("POST", text.endpoint);
    xhr.setRequestHeader("X-CSRFToken", csrf);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.addEventListener("progress", function (event) {
      if (event.lengthComputable) row.progress.value = Math.round((event.loaded / event.total) * 100);
    });
    xhr.addEventListener("load", function () {
      var answer = {};
      try { answer = JSON.parse(xhr.responseText); } catch (e) { answer = {}; }
      if (xhr.status === 201 && answer.image) {
        row.state = "done";
        row.progress.value = 100;
        row.el.classList.add("is-done");
        row.status.textContent = text.done + " ";
        var open = document.createElement("a");
        open.href = answer.image.change_url;
        open.textContent = text.edit;
        row.status.appendChild(open);
        Object.keys(row.inputs).forEach(function (n) { row.inputs[n].disabled = true; });
        row.remove.hidden = true;
      } else {
        row.state = "pending";
        var messages = [];
        if (answer.errors) Object.keys(answer.errors).forEach(function (k) { messages = messages.concat(answer.errors[k]); });
        else if (answer.error && answer.error.message) messages.push(answer.error.message);
        else messages.push(text.network);
        errors(row, messages);
        if (xhr.status === 400 && answer.errors && answer.errors.file) row.state = "refused";
      }
    });
    xhr.addEventListener("error", function () { row.state = "pending"; errors(row, [text.network]); });
    xhr.send(data);
  }

  input.addEventListener("change", function () {
    Array.prototype.forEach.call(input.files, add);
    input.value = "";
  });
  ["dragenter", "dragover"].forEach(function (type) {
    drop.addEventListener(type, function (event) { event.preventDefault(); drop.classList.add("is-over"); });
  });
  ["dragleave", "drop"].forEach(function (type) {
    drop.addEventListener(type, function () { drop.classList.remove("is-over"); });
  });
  drop.addEventListener("drop", function (event) {
    event.preventDefault();
    Array.prototype.forEach.call(event.dataTransfer.files, add);
  });
  sendAll.addEventListener("click", function () { rows.forEach(upload); });
})();
