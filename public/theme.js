// Applies the reader's theme and text size before the first paint, so a page never flashes the wrong colours.
// Kept tiny and separate (the Content-Security-Policy allows no inline script); src/app/settings.ts writes these.
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
