// Loads the whole page (every panel), the page's second module, when the first module asks for
// it (src/ui/whole_page.rs): its JavaScript glue, then its WebAssembly, whose start takes over
// the page. Both are files beside the page, so this works from any folder and under the page's
// Content-Security-Policy. A failure is told to the first module, which keeps working.
(function () {
  function failed(why) {
    if (typeof window.sesWholePageFailed === 'function') window.sesWholePageFailed(String(why));
  }
  function start() {
    wasm_bindgen({ module_or_path: './ses-explorer-whole_bg.wasm' }).catch(failed);
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
    failed('ses-explorer-whole.js could not be fetched');
  };
  document.head.appendChild(glue);
})();
