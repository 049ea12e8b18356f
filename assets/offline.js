// Makes the app work offline once visited (assets/service-worker.js) and fetches the rest of the
// page ahead of need. Started once the page's first screen is up (the app calls
// `sesFirstScreenShown()`) and the browser is idle, so the first screen never waits for it.
//
// The page (src/ui/offline.rs) words what happens: `ses-new-version` is dispatched on window
// when a new build is ready (and `sesNewVersionReady` set, for a page started later);
// `sesUseNewVersion()` makes it take over and reloads.
(function () {
  var WHOLE_PAGE = ['./ses-explorer-whole.js', './ses-explorer-whole_bg.wasm'];
  var waiting = null;

  function tell() {
    window.sesNewVersionReady = true;
    window.dispatchEvent(new Event('ses-new-version'));
  }

  function watch(registration) {
    // A worker already waiting: a new build arrived while an older page was open.
    if (registration.waiting && navigator.serviceWorker.controller) {
      waiting = registration.waiting;
      tell();
    }
    registration.addEventListener('updatefound', function () {
      var installing = registration.installing;
      if (!installing) return;
      installing.addEventListener('statechange', function () {
        // Installed while an older build controls the page: ask, never swap code under a person.
        if (installing.state === 'installed' && navigator.serviceWorker.controller) {
          waiting = installing;
          tell();
        }
      });
    });
  }

  window.sesUseNewVersion = function () {
    if (!waiting) {
      location.reload();
      return;
    }
    navigator.serviceWorker.addEventListener('controllerchange', function () {
      location.reload();
    });
    waiting.postMessage('take-over');
  };

  // Without a service worker (a page served over plain http from another machine), the rest of
  // the page is still fetched ahead, into the browser's own cache.
  function prefetch() {
    WHOLE_PAGE.forEach(function (file) {
      fetch(file).catch(function () {});
    });
  }

  function start() {
    if (!('serviceWorker' in navigator) || !window.isSecureContext) {
      prefetch();
      return;
    }
    navigator.serviceWorker
      .register('./service-worker.js', { updateViaCache: 'none' })
      .then(watch)
      .catch(prefetch);
  }

  function whenIdle() {
    if ('requestIdleCallback' in window) window.requestIdleCallback(start, { timeout: 3000 });
    else setTimeout(start, 1000);
  }

  var started = false;
  window.sesFirstScreenShown = function () {
    if (started) return;
    started = true;
    whenIdle();
  };
  // A page whose app could not start still becomes available offline, later.
  window.addEventListener('load', function () {
    setTimeout(window.sesFirstScreenShown, 15000);
  });
})();
