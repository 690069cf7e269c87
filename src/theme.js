// Inlined into every page (xtask/src/page_script.rs), in one function so that nothing
// here lands in the page's global scope.
(function () {
  // Applies the reader's stored theme before the first paint: the prerendered page shows
  // well before the app starts, and must not flash the other theme. The app owns the
  // choice (src/daily.rs; the key is `broadsheet_core::page_script`'s, and a test checks it); this only reads it.
  try {
    var theme = localStorage.getItem('broadsheet.theme');
    if (theme === 'light' || theme === 'dark') document.documentElement.setAttribute('data-theme', theme);
  } catch (e) { /* storage disabled: the system theme applies */ }

  // A shared filtered link (`/?tag=…`, `?q=`, `?day=`…) opens on the prerendered front page,
  // which is the unfiltered feed. So that nobody following one sees cards outside its
  // filter, the page is marked here, before the body is parsed, and the stylesheet draws the
  // copy's cards, chart and unread row as a loading state of the same size until the app
  // takes over with the filter's own cards (it removes #prerendered, and with it everything
  // the mark styles: style/3-feed.css). Any filter key counts, even one the app will find
  // empty or invalid: a moment of loading state is harmless, a wrong card is not. Without
  // JavaScript this never runs, and the static page stays readable as it is (a reader
  // without the app cannot filter at all). If the app never takes over (it failed to load),
  // the copy is shown after all rather than a loading state that never ends. Attribute and
  // keys are `broadsheet_core::page_script`'s, and a test checks them.
  (function () {
    var front = new URL('.', document.baseURI).pathname;
    if (location.pathname !== front && location.pathname !== front + 'index.html') return;
    var query = new URLSearchParams(location.search);
    var keys = ['tag', 'sentiment', 'category', 'source', 'q', 'day'];
    var filtered = keys.filter(function (key) { return query.has(key); });
    if (!filtered.length) return;
    var root = document.documentElement;
    root.setAttribute('data-filtered', filtered.join(' '));
    addEventListener('load', function () {
      setTimeout(function () {
        if (document.getElementById('prerendered')) root.removeAttribute('data-filtered');
      }, 20000);
    });
  })();

  // The sentiment chart starts folded on a phone (narrow, or short as one turned on its
  // side), where it would fill the first screen, and open on larger screens, unless the
  // reader opened or folded it before. The prerendered chart is folded as the parser adds
  // it: observers run at the end of the parser's task, before anything is painted. The
  // reader's choice is recorded here, for the static chart and the app's alike (one
  // listener on the document, in place before either exists); the app reads it and keeps
  // what the static chart shows when it takes over (src/components/sentiment_chart.rs and
  // src/prerendered.rs; key and query are `broadsheet_core::page_script`'s, and a test checks them).
  (function () {
    var KEY = 'broadsheet.chart';
    document.addEventListener('click', function (ev) {
      var summary = ev.target instanceof Element && ev.target.closest('details.chart > summary');
      if (!summary || ev.defaultPrevented) return;
      // The click comes before the toggle: the chart is about to be in the other state.
      try { localStorage.setItem(KEY, summary.parentElement.open ? 'folded' : 'open'); } catch (e) { /* not kept */ }
    });
    // Only the front page has the chart; elsewhere (article pages) the observer would only
    // cost the parser a record for every element it adds.
    var front = new URL('.', document.baseURI).pathname;
    if (location.pathname !== front && location.pathname !== front + 'index.html') return;
    var chosen = null;
    try { chosen = localStorage.getItem(KEY); } catch (e) { /* storage disabled: the default */ }
    var folded = chosen === 'folded' ||
      (chosen !== 'open' && matchMedia('(max-width: 39.99em), (max-height: 34.99em)').matches);
    if (folded) {
      var watch = new MutationObserver(function () {
        var details = document.querySelector('details.chart');
        if (details) {
          details.open = false;
          watch.disconnect();
        }
      });
      watch.observe(document.documentElement, { childList: true, subtree: true });
      addEventListener('DOMContentLoaded', function () { watch.disconnect(); });
    }
  })();
})();
