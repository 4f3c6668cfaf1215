/* Vietnamese where the admin's bundled libraries leave English or a typo (issue 9):
 * Select2's "The results could not be loaded." and CKEditor's "Xóa định dang". */
(function () {
  "use strict";
  const $ = window.django && window.django.jQuery;
  if ($ && $.fn.select2 && $.fn.select2.amd) {
    try {
      const vi = $.fn.select2.amd.require("select2/i18n/vi");
      vi.errorLoading = () => "Không tải được kết quả.";
    } catch (e) {
      /* no Vietnamese catalogue loaded on this page */
    }
  }
  function fixEditor() {
    const vi = window.CKEDITOR_TRANSLATIONS && window.CKEDITOR_TRANSLATIONS.vi;
    if (vi && vi.dictionary) vi.dictionary["Remove Format"] = "Xóa định dạng";
  }
  // Now (the editor's catalogue comes earlier in the page, and django-ckeditor-5 starts its editors
  // on DOMContentLoaded before our listener), and again once the page is read, whatever the order.
  fixEditor();
  document.addEventListener("DOMContentLoaded", fixEditor);
})();
