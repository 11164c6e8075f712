import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { minifySync, type IndexHtmlTransformContext, type Plugin } from 'vite';

/** Where index.html wants the first paint's inline style and script (`<!-- first-paint: … -->`): early in <head>. */
const FIRST_PAINT_SLOT = /<!--\s*first-paint\b[^>]*-->/;

/** A Content-Security-Policy: each directive with its sources. */
export type Policy = Record<string, readonly string[]>;

/**
 * The page's own modules at low priority: Vite names the entry and all it imports in <head>, and at their default
 * high priority they share the first round trips with the page itself, though the page paints without them (it is
 * prerendered) and they only hydrate it. Lighthouse counts high-priority requests made before the first paint as
 * holding it up.
 */
export const lowPriorityModules = (html: string): string =>
  html.replace(/<(link rel="modulepreload"|script type="module")(?![^>]*\sfetchpriority=)/g, '<$1 fetchpriority="low"');

/** The CSP source that allows one inline `<script>` or `<style>` whose text is exactly `text`. */
export const hashSource = (text: string): string =>
  `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** The policy with `scripts` and `styles` allowed by their hashes, as a `<meta http-equiv>` carries it. */
export function policyWith(policy: Policy, scripts: readonly string[], styles: readonly string[]): string {
  const extra: Policy = { 'script-src': scripts.map(hashSource), 'style-src': styles.map(hashSource) };
  return Object.entries(policy)
    .map(([name, sources]) => [name, ...sources, ...(extra[name] ?? [])].join(' '))
    .join('; ');
}

/**
 * The first paint in one round trip: the build puts the theme script (`themeScript`, a classic script, minified) and
 * the entry's whole stylesheet inside the HTML, in place of index.html's `<!-- first-paint -->` comment, so a page
 * paints in the right colours from its HTML alone; and it sets the page's Content-Security-Policy as a `<meta>`, allowing exactly
 * those two by their hashes (never 'unsafe-inline'); the page's modules load at low priority. A 'post' transform runs before the prerenderer copies
 * index.html into every page, the neutral shell and 404.html, so they all carry the same head. In dev only the
 * theme script is inlined (Vite injects the styles, and sets no policy).
 */
export function firstPaintHead({ themeScript, policy }: { themeScript: string; policy: Policy }): Plugin {
  const inlined = new Set<string>();
  let base = '/';
  const theme = () => {
    const { code, errors } = minifySync('theme.js', readFileSync(themeScript, 'utf8'));
    if (errors.length > 0) throw new Error(`${themeScript}: ${errors.map((e) => e.message).join('; ')}`);
    return code.trim();
  };
  const fill = (html: string, head: string) => {
    if (!FIRST_PAINT_SLOT.test(html)) throw new Error('index.html has no <!-- first-paint --> comment to fill');
    return html.replace(FIRST_PAINT_SLOT, () => head);
  };

  /** The stylesheets Vite linked for the entry, each replaced by its text; the files go from the bundle. */
  const inlineStyles = (html: string, ctx: IndexHtmlTransformContext) => {
    const styles: string[] = [];
    for (const file of ctx.chunk?.viteMetadata?.importedCss ?? []) {
      const asset = ctx.bundle?.[file];
      if (asset?.type !== 'asset') throw new Error(`${file}: the entry's stylesheet is not in the bundle`);
      const css = String(asset.source).trim();
      // The HTML parser would end the element there.
      if (/<\/style/i.test(css)) throw new Error(`${file}: a stylesheet that contains "</style" cannot be inlined`);
      const link = new RegExp(`<link[^>]*\\shref="${(base + file).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*>\\s*`);
      if (!link.test(html)) throw new Error(`${file}: no <link> to it in index.html`);
      html = html.replace(link, '');
      styles.push(css);
      inlined.add(file);
    }
    return { html, styles };
  };

  return {
    name: 'linux-systems:first-paint-head',
    configResolved(config) {
      base = config.base;
    },
    buildStart() {
      this.addWatchFile(themeScript);
    },
    transformIndexHtml: {
      order: 'post',
      handler(source, ctx) {
        const script = theme();
        if (ctx.server) return fill(source, `<script>${script}</script>`);
        const { html, styles } = inlineStyles(lowPriorityModules(source), ctx);
        const head = [...styles.map((css) => `<style>${css}</style>`), `<script>${script}</script>`].join('\n    ');
        return {
          html: fill(html, head),
          // First in <head>: a <meta> policy governs only what comes after it.
          tags: [
            {
              tag: 'meta',
              attrs: { 'http-equiv': 'Content-Security-Policy', content: policyWith(policy, [script], styles) },
              injectTo: 'head-prepend',
            },
          ],
        };
      },
    },
    generateBundle: {
      // After the prerenderer, which reads index.html as its template; the inlined stylesheets are not requested by
      // any page, so they are neither written nor precached, unless a script names one.
      order: 'post',
      handler(_options, bundle) {
        for (const file of inlined) {
          const named = Object.values(bundle).some((o) => o.type === 'chunk' && o.code.includes(file));
          if (!named) delete bundle[file];
        }
        inlined.clear();
      },
    },
  };
}
