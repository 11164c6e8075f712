import { STATIC_PATHS } from '../../shared/routes.ts';
import { href } from '../paths.ts';
import { createStore } from '../store.ts';

/**
 * What the reader is searching for: the header's field and the search page share it; the URL keeps it. Empty until
 * the search page reads the URL, after hydrating the prerendered page (which was made without a query).
 */
export const searchQuery = createStore<string>('');

const searchPage = () => href(STATIC_PATHS.search);

/**
 * Search for `q`: on the search page the address is replaced as the reader types (Back leaves the search, not each
 * keystroke); from another page the search page is opened.
 */
export function search(q: string): void {
  searchQuery.set(q);
  const field = document.getElementById('q') as HTMLInputElement | null;
  if (field && field.value !== q) field.value = q;
  const url = q ? `${searchPage()}?q=${encodeURIComponent(q)}` : searchPage();
  // use-path.ts's NAVIGATE_EVENT (an import of that module would cost the first visit a chunk of its own).
  dispatchEvent(new CustomEvent('reader:navigate', { detail: { url, replace: location.pathname === searchPage() } }));
}

const field = (target: EventTarget | null): HTMLInputElement | null =>
  target instanceof HTMLInputElement && target.id === 'q' ? target : null;

/**
 * Make the header's field live, by listening on the document (the field may be rendered again): each keystroke
 * searches (the search page follows), Enter stays in the page, Escape clears.
 */
export function enhanceField(): void {
  document.addEventListener('submit', (e) => {
    const input = (e.target as HTMLFormElement | null)?.querySelector?.('#q');
    if (!(input instanceof HTMLInputElement)) return;
    e.preventDefault();
    search(input.value);
  });
  document.addEventListener('input', (e) => {
    const input = field(e.target);
    if (input) search(input.value);
  });
  document.addEventListener('keydown', (e) => {
    const input = field(e.target);
    if (!input || e.key !== 'Escape' || !input.value) return;
    e.preventDefault();
    search('');
  });
  // What was typed before this code arrived.
  const input = field(document.activeElement);
  if (input?.value && input.value !== searchQuery.get()) search(input.value);
}
