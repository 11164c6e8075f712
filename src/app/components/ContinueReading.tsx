import { postPath } from '../../shared/routes.ts';
import { href } from '../paths.ts';
import { deviceState } from '../storage.ts';
import { useStore } from '../store.ts';

/** Posts the reader started and did not finish, most recent first; titles come from the reading positions. */
export function ContinueReading() {
  const progress = useStore(deviceState, (s) => s.progress);
  const started = [...progress.values()]
    .filter((p) => !p.finished && p.fraction >= 0.02 && p.fraction < 0.98 && p.title)
    .sort((a, b) => b.updatedAt - a.updatedAt)
    .slice(0, 3);
  if (started.length === 0) return null;
  return (
    <section class="continue" aria-labelledby="continue-title">
      <h2 id="continue-title">Continue reading</h2>
      <ul>
        {started.map((p) => (
          <li key={p.slug}>
            <a href={href(postPath(p.slug))}>{p.title}</a>{' '}
            <span class="count">{Math.round(p.fraction * 100)}% read</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
