import { href } from '../paths.ts';

/** What any unknown address shows, online or offline. */
export function NotFound() {
  return (
    <>
      <h1 tabIndex={-1}>Not found</h1>
      <p>There is no page at this address. It may have moved, or the link may be mistyped.</p>
      <p>
        <a href={href('/')}>Go to all posts</a>
      </p>
    </>
  );
}
