/** Roughly a phone screen or two of article HTML: what must be painted before the rest. */
const LEAD_CHARS = 1200;

/**
 * Split an article's HTML before a top-level `<h2>` past the first screen or two, so a tap paints the start at once
 * and the long rest follows a frame later. The split depends only on the HTML, so it is the same on every render.
 */
export function splitArticle(html: string): [lead: string, rest: string] {
  const at = html.indexOf('\n<h2 ', LEAD_CHARS);
  return at === -1 ? [html, ''] : [html.slice(0, at + 1), html.slice(at + 1)];
}

let hydrating = false;

/** While the prerendered page is being hydrated, everything renders at once to match the HTML. */
export function setHydrating(value: boolean): void {
  hydrating = value;
}

export const isHydrating = (): boolean => hydrating;
