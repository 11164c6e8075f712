import { tagPath } from '../../shared/routes.ts';
import { href } from '../paths.ts';

/** A post's tags, each a link to its tag page. */
export function TagLinks({ tags }: { tags: string[] }) {
  return (
    <ul class="tags" aria-label="Tags">
      {tags.map((tag) => (
        <li key={tag}>
          <a href={href(tagPath(tag))}>{tag}</a>
        </li>
      ))}
    </ul>
  );
}
