// Applies the reader's stored theme before the first paint: the prerendered page shows
// well before the app starts, and must not flash the other theme. The app owns the
// choice (src/daily.rs, same key and values); this only reads it.
try {
  var theme = localStorage.getItem('broadsheet.theme');
  if (theme === 'light' || theme === 'dark') document.documentElement.setAttribute('data-theme', theme);
} catch (e) { /* storage disabled: the system theme applies */ }
