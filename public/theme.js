// Applies the reader's stored theme before the first paint: the prerendered page shows
// well before the app starts, and must not flash the other theme. The app owns the
// choice (src/daily.rs, same key and values); this only reads it.
try {
  var theme = localStorage.getItem('broadsheet.theme');
  if (theme === 'light' || theme === 'dark') document.documentElement.setAttribute('data-theme', theme);
} catch (e) { /* storage disabled: the system theme applies */ }

// The sentiment chart starts folded on a phone (narrow, or turned on its side), where it
// would fill the first screen, and open on larger screens, unless the reader opened or
// folded it before. The
// prerendered chart is folded as the parser adds it: observers run at the end of the
// parser's task, before anything is painted. The app follows the same rule
// (src/components/sentiment_chart.rs, same key and values).
try {
  var chart = null;
  try { chart = localStorage.getItem('broadsheet.chart'); } catch (e) { /* no storage: the default */ }
  var folded = chart === 'folded' || (chart !== 'open' && matchMedia('(max-width: 39.99em), (max-height: 34.99em)').matches);
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
} catch (e) { /* the chart stays open */ }
