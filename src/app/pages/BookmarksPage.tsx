import { useState } from 'preact/hooks';
import { mergeBookmarks } from '../../shared/reader-records.ts';
import { formatDate } from '../../shared/posts.ts';
import { postPath } from '../../shared/routes.ts';
import { checkFileSize, exportBookmarks, ImportError, parseBookmarkFile } from '../bookmark-file.ts';
import { BookmarkButton } from '../components/BookmarkButton.tsx';
import type { PageProps } from '../lazy-pages.ts';
import type { Bookmark } from '../../shared/db.ts';
import { href } from '../paths.ts';
import { allSlugs } from '../list-source.ts';
import { deviceState, rememberBookmarks, write } from '../storage.ts';
import { useStore } from '../store.ts';

type Outcome = { ok: boolean; message: string } | undefined;

/** Bookmarked posts, newest bookmark first, with export to and import from a file. */
export default function BookmarksPage(_props: PageProps) {
  const bookmarks = useStore(deviceState, (s) => s.bookmarks);
  const saved = useStore(deviceState, (s) => s.saved);
  const loaded = useStore(deviceState, (s) => s.loaded);
  const [outcome, setOutcome] = useState<Outcome>();
  const list = [...bookmarks.values()].sort((a, b) => b.addedAt - a.addedAt);

  const download = () => {
    const blob = new Blob([exportBookmarks(list)], { type: 'application/json' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `bookmarks-${new Date().toISOString().slice(0, 10)}.json`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  };

  const upload = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    try {
      checkFileSize(file.size);
      const text = await file.text();
      const known = new Set([...(await allSlugs()), ...bookmarks.keys()]);
      const incoming = parseBookmarkFile(text, known);
      let fresh: Bookmark[] = [];
      const stored = await write(async (db) => {
        fresh = await mergeBookmarks(db, incoming);
      });
      if (!stored) throw new ImportError('The bookmarks could not be stored on this device; nothing was changed.');
      rememberBookmarks(fresh);
      const added = fresh.length;
      setOutcome({
        ok: true,
        message: `Added ${added} bookmark${added === 1 ? '' : 's'}${incoming.length > added ? ` (${incoming.length - added} already here)` : ''}.`,
      });
    } catch (e) {
      setOutcome({ ok: false, message: e instanceof ImportError ? e.message : 'The file could not be read.' });
    }
  };

  return (
    <>
      <h1 tabIndex={-1}>Bookmarks</h1>
      {!loaded ? (
        <p class="status">Loading…</p>
      ) : list.length === 0 ? (
        <p>
          No bookmarks yet. Tap <strong>☆ Bookmark</strong> on a post to keep it here; it stays readable offline.
        </p>
      ) : (
        <ol class="bookmark-list" aria-label="Bookmarked posts">
          {list.map((b) => {
            const isSaved = saved.has(b.slug);
            return (
              <li key={b.slug}>
                <a href={href(postPath(b.slug))}>{b.title}</a>
                <p class="meta">
                  Bookmarked {formatDate(new Date(b.addedAt).toISOString().slice(0, 10))} ·{' '}
                  {isSaved ? 'saved offline' : 'not saved offline yet'}
                </p>
                <BookmarkButton post={{ slug: b.slug, title: b.title }} compact />
              </li>
            );
          })}
        </ol>
      )}
      <h2>Move bookmarks to another device</h2>
      <div class="actions">
        <button type="button" onClick={download} disabled={list.length === 0}>
          Export bookmarks
        </button>
        <label class="file-button">
          Import bookmarks
          <input type="file" accept="application/json,.json" onChange={(e) => void upload(e.currentTarget)} />
        </label>
      </div>
      {outcome && (
        <p class={outcome.ok ? 'status' : 'notice'} role={outcome.ok ? 'status' : 'alert'}>
          {outcome.message}
        </p>
      )}
    </>
  );
}
