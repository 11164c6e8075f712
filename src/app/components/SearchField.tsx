import { useEffect } from 'preact/hooks';
import { STATIC_PATHS } from '../../shared/routes.ts';
import { preloadPage } from '../lazy-pages.ts';
import { href } from '../paths.ts';

/**
 * The header's search field: a plain GET form to the search page, so it works before (and without) JavaScript.
 * Focusing it loads the search page's code, which makes results follow each keystroke (src/app/search/query.ts); `/`
 * anywhere focuses it. Only this much is in every page's first visit.
 */
export function SearchField() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
      if ((e.target as Element | null)?.closest?.('input, textarea, select, [contenteditable]')) return;
      e.preventDefault();
      document.getElementById('q')?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  return (
    <form role="search" class="search-field" action={href(STATIC_PATHS.search)}>
      <label for="q" class="vh">
        Search posts
      </label>
      <input
        id="q"
        type="search"
        name="q"
        autocomplete="off"
        placeholder="Search posts and code"
        enterkeyhint="search"
        onFocus={() => void preloadPage('search').catch(() => undefined)}
      />
    </form>
  );
}
