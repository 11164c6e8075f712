import type { TocEntry } from '../../shared/types.ts';

/** Long posts get a table of contents; short ones read fine without. */
export const MIN_TOC_ENTRIES = 3;

/** Links to the sections of a post. */
export function TableOfContents({ toc }: { toc: TocEntry[] }) {
  if (toc.length < MIN_TOC_ENTRIES) return null;
  return (
    <nav class="toc" aria-labelledby="toc-title">
      <h2 id="toc-title">Contents</h2>
      <ol>
        {toc.map((entry) => (
          <li key={entry.id} class={`toc-${entry.level}`}>
            <a href={`#${entry.id}`}>{entry.text}</a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
