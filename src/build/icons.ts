import { readFileSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import type { Plugin } from 'vite';

/** The app's icons, every one drawn from one SVG: `any` icons, a maskable one, Apple's, and the SVG itself. */
export const ICONS = [
  { file: 'icons/icon-192.png', size: 192, maskable: false },
  { file: 'icons/icon-512.png', size: 512, maskable: false },
  { file: 'icons/maskable-512.png', size: 512, maskable: true },
  { file: 'icons/apple-touch-icon.png', size: 180, maskable: true },
] as const;

/** The background a maskable icon bleeds to, the icon's own. */
const BLEED = '#15171a';

/**
 * A maskable icon is cut to any shape inside its square; only the central circle of 80% is sure to be shown. The
 * source is drawn at 86% of the size, centred: its glyph stays well inside that circle, and its rounded square
 * melts into the full-bleed background of the same colour.
 */
export function maskable(svg: string): string {
  const inner = svg.replace(/^[\s\S]*?<svg[^>]*>/, '').replace(/<\/svg>\s*$/, '');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512"><rect width="512" height="512" fill="${BLEED}"/><svg x="36" y="36" width="440" height="440" viewBox="0 0 512 512">${inner}</svg></svg>`;
}

const png = (svg: string, size: number) => new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng();

/** Emits the PNG icons and `icon.svg` from `source` at build time, and serves them in dev. */
export function iconsPlugin(source: string): Plugin {
  const svg = () => readFileSync(source, 'utf8');
  const render = (file: string) => {
    const icon = ICONS.find((i) => i.file === file);
    if (!icon) return file === 'icon.svg' ? Buffer.from(svg()) : undefined;
    return png(icon.maskable ? maskable(svg()) : svg(), icon.size);
  };
  return {
    name: 'linux-systems:icons',
    buildStart() {
      this.addWatchFile(source);
    },
    generateBundle() {
      for (const file of ['icon.svg', ...ICONS.map((i) => i.file)]) {
        this.emitFile({ type: 'asset', fileName: file, source: render(file)! });
      }
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const file = (req.url ?? '').split('?')[0]!.slice(server.config.base.length);
        const data = render(file);
        if (!data) return next();
        res.setHeader('Content-Type', file.endsWith('.svg') ? 'image/svg+xml' : 'image/png');
        res.end(data);
      });
    },
  };
}
