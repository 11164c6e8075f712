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

const enhanced = new WeakSet<HTMLInputElement>();

/**
 * Make the header's field live: each keystroke searches (the search page follows), Enter stays in the page, Escape
 * clears; the field shows the query when it changes elsewhere (Back, a suggestion).
 */
export function enhanceField(input: HTMLInputElement): void {
  if (enhanced.has(input)) return;
  enhanced.add(input);
  input.form?.addEventListener('submit', (e) => {
    e.preventDefault();
    search(input.value);
  });
  input.addEventListener('input', () => search(input.value));
  input.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape' || !input.value) return;
    e.preventDefault();
    search('');
  });
  // What was typed before this code arrived.
  if (document.activeElement === input && input.value && input.value !== searchQuery.get()) search(input.value);
}
