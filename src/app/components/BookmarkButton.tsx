import type { PostMeta } from '../../shared/types.ts';
import { deviceState, toggleBookmark } from '../storage.ts';
import { useStore } from '../store.ts';

/** A toggle that keeps a post under Bookmarks, readable offline even if it later leaves the blog. */
export function BookmarkButton({
  post,
  compact = false,
}: {
  post: Pick<PostMeta, 'slug' | 'title'>;
  compact?: boolean;
}) {
  const loaded = useStore(deviceState, (s) => s.loaded);
  const on = useStore(deviceState, (s) => s.bookmarks.has(post.slug));
  return (
    <button
      type="button"
      class={`bookmark${compact ? ' compact' : ''}`}
      aria-pressed={on}
      aria-label={compact ? `Bookmark: ${post.title}` : undefined}
      disabled={!loaded}
      onClick={() => void toggleBookmark(post)}
    >
      <span aria-hidden="true">{on ? '★' : '☆'}</span>
      {!compact && ' Bookmark'}
    </button>
  );
}
