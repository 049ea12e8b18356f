// Loads the whole page (every panel), the page's second module, when the first module asks for
// it (src/ui/whole_page.rs): its JavaScript glue, then its WebAssembly, whose start takes over
// the page. Both are files beside the page, so this works from any folder and under the page's
// Content-Security-Policy. A failure is told to the first module, which keeps working, as a
// code it words (src/app/network.rs): `offline`, `unreachable` (no answer) or `status:404`.
(function () {
  function failed(code) {
    if (typeof window.sesWholePageFailed === 'function') window.sesWholePageFailed(code);
  }
  function noAnswer() {
    failed(navigator.onLine === false ? 'offline' : 'unreachable');
  }
  function start() {
    fetch('./ses-explorer-whole_bg.wasm').then(function (response) {
      if (!response.ok) {
        failed('status:' + response.status);
        return;
      }
      // A body cut off on its way fails here.
      wasm_bindgen({ module_or_path: response }).catch(noAnswer);
    }, noAnswer);
  }
  // After a failed try the glue may already be here (it declares `wasm_bindgen` once).
  if (typeof wasm_bindgen === 'function') {
    start();
    return;
  }
  var glue = document.createElement('script');
  glue.src = './ses-explorer-whole.js';
  glue.onload = start;
  glue.onerror = function () {
    glue.remove();
    // A script element does not say why: ask once more to tell "no answer" from an error.
    fetch(glue.src, { cache: 'no-store' }).then(function (response) {
      failed(response.ok ? 'unreachable' : 'status:' + response.status);
    }, noAnswer);
  };
  document.head.appendChild(glue);
})();
