// Applies the reader's theme and text size before the first paint, so a page never flashes the wrong colours.
// Inlined, minified, in every page's <head> by src/build/inline-head.ts, which allows it by its hash in the
// Content-Security-Policy; a classic script for every browser. src/app/settings.ts writes these.
(function () {
  try {
    var root = document.documentElement;
    var theme = localStorage.getItem('reader:theme');
    var scale = localStorage.getItem('reader:text-scale');
    if (theme === 'light' || theme === 'dark') root.setAttribute('data-theme', theme);
    if (scale && /^(0\.9|1|1\.15|1\.3)$/.test(scale)) root.style.setProperty('--text-scale', scale);
  } catch {
    // Storage blocked: the system's theme and the default size apply.
  }
})();
