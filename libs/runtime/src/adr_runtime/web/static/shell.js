// Every htmx request carries the CSRF token of the page (the server checks it on every unsafe method).
document.addEventListener("htmx:configRequest", function (event) {
  var meta = document.querySelector('meta[name="csrf-token"]');
  if (meta) { event.detail.headers["X-CSRF-Token"] = meta.getAttribute("content"); }
});
// Show a readable message when a partial update fails, instead of silently doing nothing.
document.addEventListener("htmx:responseError", function (event) {
  var box = document.getElementById("htmx-error");
  if (!box) { return; }
  var text = "操作失败（" + event.detail.xhr.status + "）";
  try { text = JSON.parse(event.detail.xhr.responseText).detail || text; } catch (e) { /* not JSON */ }
  box.textContent = text;
  box.hidden = false;
});
