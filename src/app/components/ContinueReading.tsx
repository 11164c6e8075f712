import { postPath } from '../../shared/routes.ts';
import type { PostMeta } from '../../shared/types.ts';
import { href } from '../paths.ts';
import { deviceState } from '../storage.ts';
import { useStore } from '../store.ts';

/** Posts the reader started and did not finish, most recent first. */
export function ContinueReading({ posts }: { posts: readonly PostMeta[] }) {
  const { progress } = useStore(deviceState);
  const started = [...progress.values()]
    .filter((p) => !p.finished && p.fraction >= 0.02 && p.fraction < 0.98)
    .sort((a, b) => b.updatedAt - a.updatedAt)
    .flatMap((p) => {
      const post = posts.find((x) => x.slug === p.slug);
      return post ? [{ post, percent: Math.round(p.fraction * 100) }] : [];
    })
    .slice(0, 3);
  if (started.length === 0) return null;
  return (
    <section class="continue" aria-labelledby="continue-title">
      <h2 id="continue-title">Continue reading</h2>
      <ul>
        {started.map(({ post, percent }) => (
          <li key={post.slug}>
            <a href={href(postPath(post.slug))}>{post.title}</a> <span class="count">{percent}% read</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
