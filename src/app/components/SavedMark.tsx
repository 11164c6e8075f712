import type { PostMeta } from '../../shared/types.ts';
import { deviceState } from '../storage.ts';
import { useStore } from '../store.ts';

/**
 * Whether a post is saved for offline reading (a small icon; its words are for screen readers), whether the reader
 * finished it, and, prominently, whether it changed since the reader read it.
 */
export function SavedMark({ post }: { post: PostMeta }) {
  // Each selects its own post's records, so a sync that saves another post does not re-render this card.
  const loaded = useStore(deviceState, (s) => s.loaded);
  const saved = useStore(deviceState, (s) => s.saved.get(post.slug)?.hash === post.hash);
  const read = useStore(deviceState, (s) => s.reads.get(post.slug));
  const finished = useStore(deviceState, (s) => s.progress.get(post.slug)?.finished ?? false);
  if (!loaded) return null;
  return (
    <>
      {saved ? (
        <span class="mark saved">
          <span class="vh">Saved offline</span>
        </span>
      ) : (
        <span class="vh">Not saved</span>
      )}
      {finished && <span class="mark">Read</span>}
      {read !== undefined && read !== post.hash && <strong class="mark changed">Updated since you read it</strong>}
    </>
  );
}
