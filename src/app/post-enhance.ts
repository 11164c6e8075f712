// What a post's body does beyond its HTML: Copy on code blocks, diagrams enlarged in a dialog, and a reading-progress
// bar. Loaded by the post page on demand, so none of it costs the first visit. The body's HTML is the build's
// (src/build/markdown.ts); this only adds to it after it is rendered, never re-renders it.

let announcer: HTMLElement | undefined;
let zoom: { dialog: HTMLDialogElement; img: HTMLImageElement; opener?: HTMLElement } | undefined;

/** A polite live region, in the page before anything is said in it, so screen readers hear each message. */
function announce(message: string): void {
  if (!announcer) {
    announcer = document.createElement('p');
    announcer.className = 'vh';
    announcer.setAttribute('aria-live', 'polite');
    document.body.append(announcer);
  }
  const region = announcer;
  region.textContent = '';
  // A change after a pause: the same message twice in a row is announced twice.
  setTimeout(() => (region.textContent = message), 50);
}

function button(className: string, text: string, label: string): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = className;
  b.textContent = text;
  b.setAttribute('aria-label', label);
  return b;
}

async function copyCode(copy: HTMLButtonElement): Promise<void> {
  const code = copy.closest('figure')?.querySelector('pre code');
  try {
    await navigator.clipboard.writeText(code?.textContent ?? '');
  } catch {
    announce('Could not copy: select the code and copy it');
    return;
  }
  copy.textContent = 'Copied';
  announce('Copied');
  setTimeout(() => (copy.textContent = 'Copy'), 2000);
}

function zoomDialog() {
  if (zoom) return zoom;
  const dialog = document.createElement('dialog');
  dialog.className = 'zoom';
  dialog.setAttribute('aria-label', 'Diagram');
  const close = button('close', 'Close', 'Close diagram');
  close.addEventListener('click', () => dialog.close());
  const img = document.createElement('img');
  dialog.append(close, img);
  // Escape closes a modal dialog by itself; either way, focus goes back where the reader was.
  dialog.addEventListener('close', () => zoom?.opener?.focus());
  document.body.append(dialog);
  return (zoom = { dialog, img });
}

function enlarge(figure: Element, opener: HTMLElement): void {
  const source = figure.querySelector('img');
  if (!source) return;
  const z = zoomDialog();
  z.img.src = source.currentSrc || source.src;
  z.img.alt = source.alt;
  z.opener = opener;
  z.dialog.showModal();
}

function onClick(event: MouseEvent): void {
  const target = event.target instanceof Element ? event.target : null;
  const copy = target?.closest<HTMLButtonElement>('figure.code > button.copy');
  if (copy) return void copyCode(copy);
  const figure = target?.closest('figure.diagram');
  const opener = figure?.querySelector<HTMLButtonElement>('button.enlarge');
  // The button for keyboards, and a tap on the diagram itself for fingers.
  if (figure && opener && (target === opener || target?.tagName === 'IMG')) enlarge(figure, opener);
}

/** Add the controls that need script to the blocks of `root` that lack them; safe to call again as more renders. */
export function enhanceBlocks(root: HTMLElement): void {
  for (const figure of root.querySelectorAll('figure.code')) {
    if (figure.querySelector(':scope > button.copy')) continue;
    const name = figure.querySelector('pre')?.getAttribute('aria-label') ?? 'Code';
    figure.querySelector('figcaption')?.after(button('copy', 'Copy', `Copy ${name.replace(/^Code/, 'code')}`));
  }
  for (const figure of root.querySelectorAll('figure.diagram')) {
    if (!figure.querySelector('button.enlarge')) figure.append(button('enlarge', 'Enlarge', 'Enlarge diagram'));
  }
}

/** How far through `article` the reader is, shown as a bar scaled from 0 to 1 (transform only: no layout). */
function trackProgress(article: HTMLElement): () => void {
  const bar = document.createElement('div');
  bar.className = 'read-bar';
  // Decorative: the post's reading time is in its header, in words.
  bar.setAttribute('aria-hidden', 'true');
  document.body.append(bar);
  let frame = 0;
  const draw = () => {
    frame = 0;
    const box = article.getBoundingClientRect();
    const span = box.height - innerHeight;
    const done = span > 0 ? Math.min(1, Math.max(0, -box.top / span)) : 1;
    bar.style.transform = `scaleX(${done})`;
  };
  const onScroll = () => {
    if (!frame) frame = requestAnimationFrame(draw);
  };
  addEventListener('scroll', onScroll, { passive: true });
  addEventListener('resize', onScroll, { passive: true });
  draw();
  return () => {
    cancelAnimationFrame(frame);
    removeEventListener('scroll', onScroll);
    removeEventListener('resize', onScroll);
    bar.remove();
  };
}

/** What the reader does that ends holdHeading: they are moving through the post themselves. */
const LET_GO = ['wheel', 'touchstart', 'pointerdown', 'keydown'];

/**
 * Keep the heading the address names (a search result's section) at the top while the blocks above it take their
 * real heights: they are laid out only when needed (`content-visibility: auto`), so they grow after the page scrolled
 * to it, and scroll anchoring does not always make up for it (the heading was seen pushed 2,800 px down). Until the
 * reader scrolls, taps or types, or 5 s have passed.
 */
function holdHeading(root: HTMLElement): () => void {
  const target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
  if (!target || !root.contains(target)) return () => {};
  // Called at once when observing starts, and after each change of the article's size.
  const observer = new ResizeObserver(() => target.scrollIntoView());
  const stop = () => {
    observer.disconnect();
    clearTimeout(timer);
    for (const type of LET_GO) removeEventListener(type, stop, true);
  };
  observer.observe(root);
  const timer = setTimeout(stop, 5000);
  for (const type of LET_GO) addEventListener(type, stop, { capture: true, passive: true });
  return stop;
}

/**
 * Enhance a rendered post body: its controls, one delegated click listener, the progress bar, and the heading the
 * address names held in view. Returns the undo.
 */
export function enhancePost(root: HTMLElement): () => void {
  enhanceBlocks(root);
  root.addEventListener('click', onClick);
  const stopProgress = trackProgress(root);
  const stopHolding = holdHeading(root);
  return () => {
    root.removeEventListener('click', onClick);
    stopProgress();
    stopHolding();
    zoom?.dialog.close();
  };
}
