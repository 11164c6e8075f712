import { useEffect, useRef, useState } from 'preact/hooks';
import { formatDate } from '../../shared/posts.ts';
import { postPath } from '../../shared/routes.ts';
import type { Article, PostLink } from '../../shared/types.ts';
import { isHydrating, splitArticle } from '../article-parts.ts';
import { BookmarkButton } from '../components/BookmarkButton.tsx';
import { PostMetaLine } from '../components/PostMetaLine.tsx';
import { ShareButton } from '../components/ShareButton.tsx';
import { TableOfContents } from '../components/TableOfContents.tsx';
import { TagLinks } from '../components/TagLinks.tsx';
import type { PageProps } from '../lazy-pages.ts';
import { href } from '../paths.ts';
import { deviceState, rememberRead } from '../storage.ts';
import { useStore } from '../store.ts';
import { setFinished, useReadingPosition } from '../use-reading-position.ts';
import { NotFound } from './NotFound.tsx';

/** A post: its heading, metadata, contents, body, and the posts before and after it. */
export default function PostPage({ data }: PageProps) {
  const slug = data.status === 'post' ? data.article.slug : '';
  // An article saved by an older version of the reader has only its body; its bookmark knows the title.
  const bookmark = useStore(deviceState, (s) => s.bookmarks.get(slug));
  if (data.status !== 'post') return <NotFound />;
  const { article, stale } = data;
  const title = article.title ?? bookmark?.title ?? article.slug;
  return (
    <>
      <article class="post" aria-labelledby="post-title">
        <header>
          <h1 id="post-title" tabIndex={-1}>
            {title}
          </h1>
          {article.date && <PostMetaLine post={article} />}
          {article.tags && <TagLinks tags={article.tags} />}
          <PostActions post={{ slug: article.slug, title }} />
        </header>
        {stale && (
          <p class="notice" role="status">
            This is the version saved on this device{article.updated ? ` (updated ${formatDate(article.updated)})` : ''}
            ; a newer one will download when you are online.
          </p>
        )}
        <ArticleBody article={article} title={title} />
      </article>
      <PrevNext newer={article.newer} older={article.older} />
    </>
  );
}

function PostActions({ post }: { post: { slug: string; title: string } }) {
  return (
    <div class="actions">
      <BookmarkButton post={post} />
      <ShareButton title={post.title} url={new URL(href(postPath(post.slug)), location.origin).href} />
    </div>
  );
}

function ArticleBody({ article, title }: { article: Article; title: string }) {
  const loaded = useStore(deviceState, (s) => s.loaded);
  const readHash = useStore(deviceState, (s) => s.reads.get(article.slug));
  // What the reader had read before this visit decides the notice; reading it now updates the record.
  const [readBefore, setReadBefore] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (!loaded) return;
    setReadBefore(readHash);
    void rememberRead(article);
  }, [loaded, article.hash]);
  return (
    <>
      {readBefore !== undefined && readBefore !== article.hash && (
        <p class="notice changed">This post has been updated since you last read it.</p>
      )}
      <TableOfContents toc={article.toc} />
      <ArticleHtml article={article} title={title} />
      <FinishedButton post={{ slug: article.slug, title }} />
    </>
  );
}

function FinishedButton({ post }: { post: { slug: string; title: string } }) {
  const loaded = useStore(deviceState, (s) => s.loaded);
  const finished = useStore(deviceState, (s) => s.progress.get(post.slug)?.finished ?? false);
  return (
    <p class="finish">
      <button
        type="button"
        aria-pressed={finished}
        disabled={!loaded}
        onClick={() => void setFinished(post, !finished)}
      >
        {finished ? '✓ Read' : 'Mark as read'}
      </button>
    </p>
  );
}

/** The body, its first part painted at once and the rest a frame later (see article-parts.ts). */
function ArticleHtml({ article, title }: { article: Article; title: string }) {
  const [lead, rest] = splitArticle(article.html);
  const [showRest, setShowRest] = useState(isHydrating);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!showRest) requestAnimationFrame(() => setTimeout(() => setShowRest(true)));
  }, [showRest]);
  const whole = showRest || !rest;
  useReadingPosition({ slug: article.slug, title }, () => root.current, whole);
  // A link to a heading in the rest of the body (a search result's section) arrives before that heading is in the
  // page, so the navigation's own scroll finds nothing: go there once the rest is shown.
  useEffect(() => {
    if (!whole || !rest || !location.hash) return;
    const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target && root.current?.contains(target)) target.scrollIntoView();
  }, [article.hash, whole]);
  useEffect(() => {
    const body = root.current;
    if (!whole || !body) return;
    // Copy, diagram zoom and the progress bar load with the post, never on the first visit of the home page.
    let undo: (() => void) | undefined;
    let gone = false;
    import('../post-enhance.ts').then(
      (m) => gone || (undo = m.enhancePost(body)),
      () => {}, // the plain article still reads
    );
    return () => {
      gone = true;
      undo?.();
    };
  }, [article.hash, whole]);
  // Sanitized against an allow-list at build time (src/build/sanitize.ts).
  return (
    <div data-article-hash={article.hash} ref={root}>
      <div class="prose" dangerouslySetInnerHTML={{ __html: lead }} />
      {rest && showRest && <div class="prose" dangerouslySetInnerHTML={{ __html: rest }} />}
    </div>
  );
}

function PrevNext({ newer, older }: { newer?: PostLink | undefined; older?: PostLink | undefined }) {
  if (!newer && !older) return null;
  return (
    <nav class="prev-next" aria-label="More posts">
      {older && (
        <a href={href(postPath(older.slug))} rel="prev">
          <span class="label">Previous</span> {older.title}
        </a>
      )}
      {newer && (
        <a href={href(postPath(newer.slug))} rel="next">
          <span class="label">Next</span> {newer.title}
        </a>
      )}
    </nav>
  );
}
