/* Upload errors of the rich-text editor's own image button, next to the editor (issue 13).
 * CKEditor 5 shows a failed upload through its Notification plugin, whose default is a bare
 * window.alert(). Each editor's warnings are stopped here and shown instead in a role="alert"
 * box right below that editor, in Vietnamese: the server's own message (articles/uploads.py)
 * when it sent one. The box goes away on the next successful upload or with its "Đóng" button.
 * django-ckeditor-5 keeps its editors in window.editors (by textarea id) and sends no event when
 * it creates one (it also starts editors added later, e.g. in inline forms): they are looked for
 * now and then, and each is hooked once. */
(function () {
  "use strict";
  var FALLBACK = "Không tải được ảnh lên. Hãy kiểm tra kết nối mạng rồi thử lại.";
  var TITLE = "Tải ảnh lên không thành công:";
  var CLOSE = "Đóng";
  var hooked = new WeakSet();

  function messageOf(data) {
    var message = data && data.message;
    message = typeof message === "string" ? message.trim() : "";
    // CKEditor's own text when the server sent no message (network down, a proxy's 413 page).
    if (!message || /^Couldn't upload file/i.test(message)) return FALLBACK;
    return message;
  }

  function hook(editor) {
    if (!editor || hooked.has(editor) || !editor.plugins || !editor.plugins.has("Notification")) return;
    hooked.add(editor);
    var box = null;

    function remove() {
      if (box) box.remove();
      box = null;
    }

    function show(message) {
      remove();
      box = document.createElement("div");
      box.className = "editor-upload-error";
      box.setAttribute("role", "alert");
      var title = document.createElement("strong");
      title.textContent = TITLE;
      var text = document.createElement("span");
      text.className = "editor-upload-error-message";
      text.textContent = message;
      var close = document.createElement("button");
      close.type = "button";
      close.className = "button editor-upload-error-close";
      close.textContent = CLOSE;
      close.addEventListener("click", function () {
        remove();
        editor.editing.view.focus();
      });
      box.append(title, " ", text, " ", close);
      var anchor = editor.ui && editor.ui.element;
      if (anchor) anchor.after(box);
      else if (editor.sourceElement) editor.sourceElement.after(box);
    }

    var notification = editor.plugins.get("Notification");
    notification.on(
      "show:warning",
      function (evt, data) {
        evt.stop(); // no window.alert()
        show(messageOf(data));
      },
      { priority: "high" }
    );
    if (editor.plugins.has("ImageUploadEditing")) {
      editor.plugins.get("ImageUploadEditing").on("uploadComplete", remove);
    }
  }

  function hookAll() {
    var editors = window.editors || {};
    Object.keys(editors).forEach(function (id) {
      hook(editors[id]);
    });
  }

  function start() {
    hookAll();
    setInterval(hookAll, 300);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
