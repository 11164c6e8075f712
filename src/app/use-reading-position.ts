import { useEffect } from 'preact/hooks';
import { getProgress } from '../shared/reader-records.ts';
import type { ReadingProgress } from '../shared/db.ts';
import { deviceState, pageDB, storeProgress } from './storage.ts';
import { onNavigate } from './use-path.ts';

const SAVE_AFTER_MS = 400;

/** The article's top-level blocks, in order, across its parts. */
const blocks = (root: Element) => [...root.querySelectorAll(':scope > .prose > *')] as HTMLElement[];

/** Where the reader is: the block at the top of the screen, how far into it, and how much is behind. */
export function measurePosition(root: Element): Pick<ReadingProgress, 'block' | 'offset' | 'fraction'> {
  const all = blocks(root);
  const top = root.getBoundingClientRect();
  const block = Math.max(
    0,
    all.findIndex((b) => b.getBoundingClientRect().bottom > 0),
  );
  const box = all[block]?.getBoundingClientRect();
  const offset = box && box.height > 0 ? Math.min(1, Math.max(0, -box.top / box.height)) : 0;
  const fraction = top.height > 0 ? Math.min(1, Math.max(0, (innerHeight - top.top) / top.height)) : 0;
  return { block, offset, fraction: fraction < 0.05 ? 0 : fraction };
}

/**
 * Keep the reader's place in a post on the device, and return to it when the post is opened again (unless a link
 * named a section, or the post was finished).
 */
export function useReadingPosition(
  post: { slug: string; title: string },
  root: () => Element | null,
  ready: boolean,
): void {
  const { slug, title } = post;
  useEffect(() => {
    if (!ready) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let live = true;

    void (async () => {
      const db = await pageDB();
      const saved = db ? await getProgress(db, slug).catch(() => undefined) : undefined;
      const el = root();
      if (!live || !el || !saved || saved.finished || location.hash) return;
      const target = blocks(el)[saved.block];
      if (!target) return;
      target.scrollIntoView();
      scrollBy(0, target.getBoundingClientRect().height * saved.offset);
    })();

    const save = () => {
      timer = undefined;
      const el = root();
      if (!el) return;
      const at = measurePosition(el);
      const before = deviceState.get().progress.get(slug);
      void storeProgress({ slug, title, ...at, finished: before?.finished ?? false, updatedAt: Date.now() });
    };
    const onScroll = () => {
      clearTimeout(timer);
      timer = setTimeout(save, SAVE_AFTER_MS);
    };
    // Leaving (another app, closing the tab) within SAVE_AFTER_MS of the last scroll must not lose the position.
    const flush = () => {
      if (timer === undefined) return;
      clearTimeout(timer);
      save();
    };
    const onHidden = () => document.visibilityState === 'hidden' && flush();
    addEventListener('scroll', onScroll, { passive: true });
    addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onHidden);
    // Going to another page of the reader: measured now, while this one is still laid out where the reader left it.
    const stopFollowing = onNavigate(flush);
    return () => {
      live = false;
      clearTimeout(timer);
      stopFollowing();
      removeEventListener('scroll', onScroll);
      removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onHidden);
    };
  }, [slug, ready]);
}

/** Mark a post finished (or not); a finished post leaves "Continue reading". */
export function setFinished(post: { slug: string; title: string }, finished: boolean): Promise<boolean> {
  const before = deviceState.get().progress.get(post.slug);
  return storeProgress({
    slug: post.slug,
    title: post.title,
    block: before?.block ?? 0,
    offset: before?.offset ?? 0,
    fraction: finished ? 1 : (before?.fraction ?? 0),
    finished,
    updatedAt: Date.now(),
  });
}
