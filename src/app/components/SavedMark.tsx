import type { PostMeta } from '../../shared/types.ts';
import { deviceState } from '../storage.ts';
import { useStore } from '../store.ts';

/** Whether a post is saved for offline reading, and whether it changed since the reader read it. */
export function SavedMark({ post }: { post: PostMeta }) {
  const { saved, reads, progress, loaded } = useStore(deviceState);
  if (!loaded) return null;
  const isSaved = saved.get(post.slug)?.hash === post.hash;
  const read = reads.get(post.slug);
  return (
    <>
      {isSaved ? <span class="mark saved">Saved offline</span> : <span class="mark">Not saved</span>}
      {read !== undefined && read !== post.hash && <span class="mark changed">Updated since you read it</span>}
      {progress.get(post.slug)?.finished && <span class="mark">Read</span>}
    </>
  );
}
