import { listPath, type Route } from '../../shared/routes.ts';
import { href } from '../paths.ts';

/** The pages a reader can jump to: the first, the last, and two either side of the current one. */
export function pageNumbers(page: number, pages: number): (number | null)[] {
  const shown = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])]
    .filter((n) => n >= 1 && n <= pages)
    .sort((a, b) => a - b);
  return shown.flatMap((n, i) => (i > 0 && n - shown[i - 1]! > 1 ? [null, n] : [n]));
}

/** Newer and older pages of a list, as plain links that work without JavaScript. */
export function Pager({
  route,
  page,
  pages,
}: {
  route: Extract<Route, { kind: 'home' | 'tag' }>;
  page: number;
  pages: number;
}) {
  if (pages <= 1) return null;
  const link = (n: number) => href(listPath(route, n));
  return (
    <nav class="pager" aria-label="Pages">
      {page > 1 ? (
        <a href={link(page - 1)} rel="prev">
          ← Newer
        </a>
      ) : (
        <span />
      )}
      <ol>
        {pageNumbers(page, pages).map((n, i) =>
          n === null ? (
            <li key={`gap-${i}`} aria-hidden="true">
              …
            </li>
          ) : (
            <li key={n}>
              <a href={link(n)} aria-current={n === page ? 'page' : undefined} aria-label={`Page ${n}`}>
                {n}
              </a>
            </li>
          ),
        )}
      </ol>
      {page < pages ? (
        <a href={link(page + 1)} rel="next">
          Older →
        </a>
      ) : (
        <span />
      )}
    </nav>
  );
}
