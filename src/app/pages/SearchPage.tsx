import { useEffect, useState } from 'preact/hooks';
import { formatDate } from '../../shared/posts.ts';
import { postPath, tagPath } from '../../shared/routes.ts';
import type { SearchPost } from '../../shared/search.ts';
import { BookmarkButton } from '../components/BookmarkButton.tsx';
import type { PageProps } from '../lazy-pages.ts';
import { blogSize } from '../list-source.ts';
import { href } from '../paths.ts';
import {
  type Excerpt,
  excerptOf,
  type PostResult,
  searchPosts,
  type SearchState,
  sectionText,
  suggestions,
} from '../search/engine.ts';
import { enhanceField, search, searchQuery } from '../search/query.ts';
import { deviceState } from '../storage.ts';
import { useStore } from '../store.ts';

// The header's field goes live when this code arrives (it is loaded when the field is first focused).
if (typeof document !== 'undefined') enhanceField();

/** Posts shown at first, and added by "More results". */
const PAGE = 20;
/** Sections shown under a post. */
const SECTIONS = 3;

/** `/search/?q=…`: every post, section and identifier, offline over what the device keeps. */
export default function SearchPage(_: PageProps) {
  const q = useStore(searchQuery).trim();
  const [state, setState] = useState<SearchState | null>(null);
  const [tag, setTag] = useState('');
  const [shown, setShown] = useState(PAGE);
  // The query for which the reader asked to search every post, past the newest that gave enough results.
  const [everythingFor, setEverythingFor] = useState<string | null>(null);
  const everything = everythingFor === q;

  // Back and Forward change the query with the address.
  useEffect(() => {
    const fromUrl = () => {
      const q = new URLSearchParams(location.search).get('q') ?? '';
      searchQuery.set(q);
      const field = document.getElementById('q') as HTMLInputElement | null;
      if (field) {
        if (field.value !== q) field.value = q;
        // On an empty search page the field is where the reader starts.
        if (!q) field.focus();
      }
    };
    fromUrl();
    addEventListener('popstate', fromUrl);
    return () => removeEventListener('popstate', fromUrl);
  }, []);

  // The last results stay until the next ones arrive: no flash of "searching" between keystrokes.
  useEffect(() => {
    if (!q) {
      setState(null);
      return;
    }
    let live = true;
    setShown(PAGE);
    searchPosts(
      q,
      (s) => setState(s),
      () => live,
    ).catch((e: unknown) =>
      setState({ query: q, results: [], searched: 0, total: 0, unavailable: -1, done: true, error: String(e) }),
    );
    return () => {
      live = false;
    };
  }, [q, everything]);

  const results = state?.results.filter((r) => !tag || r.post.tags.includes(tag)) ?? [];
  return (
    <section class="search-page" aria-labelledby="search-title">
      <h1 id="search-title" tabindex={-1}>
        Search
      </h1>
      {!q ? (
        <p class="hint">
          Type in the search field above. Titles, sections, prose and code are searched: try <code>FUTEX_WAKE</code>,{' '}
          <code>ringbuf</code> or “thundering herd”. Press <kbd>/</kbd> to get there from any page.
        </p>
      ) : (
        <>
          <SearchStatus state={state} q={q} count={results.length} />
          {state && state.results.length > 0 && <TagChoice results={state.results} tag={tag} onChange={setTag} />}
          {state?.done && state.results.length === 0 && <NoResults q={q} />}
          <ol class="search-results">
            {results.slice(0, shown).map((r) => (
              <Result key={r.post.slug} result={r} q={q} />
            ))}
          </ol>
          {results.length > shown && (
            <button type="button" onClick={() => setShown((n) => n + PAGE)}>
              More results
            </button>
          )}
          {state?.done && state.partial && (
            <p>
              <button type="button" onClick={() => setEverythingFor(q)}>
                Search all {state.total} posts
              </button>
            </p>
          )}
        </>
      )}
    </section>
  );
}

function SearchStatus({ state, q, count }: { state: SearchState | null; q: string; count: number }) {
  let text = 'Searching…';
  if (state?.error) text = `The search could not run: ${state.error}`;
  else if (state) {
    const found = `${count} ${count === 1 ? 'post' : 'posts'} found for “${q}”`;
    text = !state.done
      ? `${found}, searched ${state.searched} of ${state.total} posts…`
      : state.partial
        ? `${found} in the newest ${state.searched} of ${state.total} posts`
        : found;
    if (state.done && state.unavailable > 0)
      text += `. Offline, only the posts kept on this device were searched (${state.searched} of ${state.total}).`;
  }
  return (
    <p class="status" role="status">
      {text}
    </p>
  );
}

function TagChoice({ results, tag, onChange }: { results: PostResult[]; tag: string; onChange: (t: string) => void }) {
  const counts = new Map<string, number>();
  for (const r of results) for (const t of r.post.tags) counts.set(t, (counts.get(t) ?? 0) + 1);
  if (counts.size < 2) return null;
  return (
    <p class="tag-choice">
      <label for="search-tag">Only posts tagged</label>{' '}
      <select id="search-tag" value={tag} onChange={(e) => onChange(e.currentTarget.value)}>
        <option value="">any tag</option>
        {[...counts]
          .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
          .map(([t, n]) => (
            <option key={t} value={t}>
              {t} ({n})
            </option>
          ))}
      </select>
    </p>
  );
}

function NoResults({ q }: { q: string }) {
  const [tags, setTags] = useState<string[]>([]);
  useEffect(() => {
    void blogSize()
      .then((b) => setTags(nearestTags(q, b.tags)))
      .catch(() => undefined);
  }, [q]);
  const close = suggestions(q);
  return (
    <div class="no-results">
      <p>No post matches “{q}”.</p>
      {close.length > 0 && (
        <p>
          Close spellings:{' '}
          {close.map((s, i) => (
            <>
              {i > 0 && ', '}
              <button type="button" class="link" onClick={() => search(s)}>
                {s}
              </button>
            </>
          ))}
        </p>
      )}
      {tags.length > 0 && (
        <p>
          Or browse the posts tagged{' '}
          {tags.map((t, i) => (
            <>
              {i > 0 && ', '}
              <a href={href(tagPath(t))}>{t}</a>
            </>
          ))}
          .
        </p>
      )}
    </div>
  );
}

/** Tags that share a word's start with the query, or are a small edit away from one of its words. */
function nearestTags(q: string, tags: string[]): string[] {
  const words = q
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length >= 3);
  return tags.filter((t) => words.some((w) => t.startsWith(w) || w.startsWith(t) || distance(t, w) <= 2)).slice(0, 3);
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const next = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = row[j]!;
      row[j] = next;
    }
  }
  return row[b.length]!;
}

function Result({ result, q }: { result: PostResult; q: string }) {
  const { post } = result;
  const saved = useStore(deviceState, (s) => s.saved.has(post.slug));
  const loaded = useStore(deviceState, (s) => s.loaded);
  const sections = result.sections.sort((a, b) => b.score - a.score).slice(0, SECTIONS);
  return (
    <li>
      <article class="search-result" aria-labelledby={`r-${post.slug}`}>
        <h2 id={`r-${post.slug}`}>
          <a href={href(postPath(post.slug))}>{post.title}</a>
        </h2>
        <p class="meta">
          <time dateTime={post.date}>{formatDate(post.date)}</time>
        </p>
        <ul class="tags" aria-label="Tags">
          {post.tags.map((t) => (
            <li key={t}>
              <a href={href(tagPath(t))}>{t}</a>
            </li>
          ))}
        </ul>
        <ul class="sections">
          {sections.map((s) => (
            <li key={s.hid}>
              <a href={href(postPath(post.slug)) + (s.hid ? `#${s.hid}` : '')}>
                {s.heading || 'The start of the post'}
              </a>
              <SectionExcerpt post={post} hid={s.hid} q={q} />
            </li>
          ))}
        </ul>
        {loaded && !saved && (
          <p class="not-saved">
            Not saved offline. <BookmarkButton post={post} /> to keep it on this device.
          </p>
        )}
      </article>
    </li>
  );
}

function SectionExcerpt({ post, hid, q }: { post: SearchPost; hid: string; q: string }) {
  const [text, setText] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void sectionText(post, hid).then((t) => live && setText(t ?? null));
    return () => {
      live = false;
    };
  }, [post.slug, post.hash, hid]);
  if (text === undefined) return null;
  const excerpt: Excerpt = text === null ? [{ text: post.summary, mark: false }] : excerptOf(text, q);
  return <p class="excerpt">{excerpt.map((part, i) => (part.mark ? <mark key={i}>{part.text}</mark> : part.text))}</p>;
}
