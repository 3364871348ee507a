// Submit a filter form when one of its marked selects changes. Nothing else runs here.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("select.autosubmit").forEach(function (el) {
    el.addEventListener("change", function () { el.form.submit(); });
  });
});
