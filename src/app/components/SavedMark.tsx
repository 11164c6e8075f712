import type { PostMeta } from '../../shared/types.ts';
import { deviceState } from '../storage.ts';
import { useStore } from '../store.ts';

/** Whether a post is saved for offline reading, and whether it changed since the reader read it. */
export function SavedMark({ post }: { post: PostMeta }) {
  // Each selects its own post's records, so a sync that saves another post does not re-render this card.
  const loaded = useStore(deviceState, (s) => s.loaded);
  const saved = useStore(deviceState, (s) => s.saved.get(post.slug)?.hash === post.hash);
  const read = useStore(deviceState, (s) => s.reads.get(post.slug));
  const finished = useStore(deviceState, (s) => s.progress.get(post.slug)?.finished ?? false);
  if (!loaded) return null;
  return (
    <>
      {saved ? <span class="mark saved">Saved offline</span> : <span class="mark">Not saved</span>}
      {read !== undefined && read !== post.hash && <span class="mark changed">Updated since you read it</span>}
      {finished && <span class="mark">Read</span>}
    </>
  );
}
