import { useEffect, useRef, useState } from 'preact/hooks';
import { getAnyArticle } from '../../shared/article-store.ts';
import type { StoredArticle } from '../../shared/db.ts';
import { postPath } from '../../shared/routes.ts';
import type { PostMeta } from '../../shared/types.ts';
import { isHydrating, splitArticle } from '../article-parts.ts';
import { BookmarkButton } from '../components/BookmarkButton.tsx';
import { PostMetaLine } from '../components/PostMetaLine.tsx';
import { ShareButton } from '../components/ShareButton.tsx';
import { TableOfContents } from '../components/TableOfContents.tsx';
import { TagLinks } from '../components/TagLinks.tsx';
import type { PageProps } from '../lazy-pages.ts';
import { href } from '../paths.ts';
import { appStatus } from '../status.ts';
import { deviceState, pageDB, refreshDeviceState, rememberRead } from '../storage.ts';
import { useStore } from '../store.ts';
import { useArticle } from '../use-article.ts';
import { setFinished, useReadingPosition } from '../use-reading-position.ts';
import { NotFound } from './NotFound.tsx';

/** A post: its heading, metadata, contents, body, and the posts before and after it. */
export default function PostPage({ posts, route }: PageProps) {
  const slug = route.kind === 'post' ? route.slug : '';
  const index = posts.findIndex((p) => p.slug === slug);
  const post = posts[index];
  if (!post) return <ArchivedPost slug={slug} />;
  return (
    <>
      <article class="post" aria-labelledby="post-title">
        <header>
          <h1 id="post-title" tabIndex={-1}>
            {post.title}
          </h1>
          <PostMetaLine post={post} />
          <TagLinks tags={post.tags} />
          <PostActions post={post} />
        </header>
        <ArticleBody post={post} />
      </article>
      <PrevNext newer={posts[index - 1]} older={posts[index + 1]} />
    </>
  );
}

function PostActions({ post }: { post: Pick<PostMeta, 'slug' | 'title'> }) {
  return (
    <div class="actions">
      <BookmarkButton post={post} />
      <ShareButton title={post.title} url={new URL(href(postPath(post.slug)), location.origin).href} />
    </div>
  );
}

/** A bookmarked post that has left the blog: still readable from the device, as the bookmark promised. */
function ArchivedPost({ slug }: { slug: string }) {
  const { bookmarks, loaded } = useStore(deviceState);
  const { storage } = useStore(appStatus);
  const bookmark = bookmarks.get(slug);
  const [article, setArticle] = useState<StoredArticle | null | undefined>(undefined);
  useEffect(() => {
    if (!bookmark) return;
    void pageDB().then(async (db) =>
      setArticle(db ? ((await getAnyArticle(db, slug).catch(() => null)) ?? null) : null),
    );
  }, [bookmark !== undefined, slug]);
  if (!loaded && storage !== 'unavailable') return <p class="status">Loading…</p>;
  if (!bookmark || article === null) return <NotFound />;
  return (
    <article class="post" aria-labelledby="post-title">
      <header>
        <h1 id="post-title" tabIndex={-1}>
          {bookmark.title}
        </h1>
        <p class="notice">This post is no longer on the blog; your bookmark kept it on this device.</p>
        <PostActions post={bookmark} />
      </header>
      {article && <ArticleHtml hash={article.hash} html={article.html} />}
    </article>
  );
}

function ArticleBody({ post }: { post: PostMeta }) {
  const [state, retry] = useArticle(post);
  const { reads, loaded } = useStore(deviceState);
  // What the reader had read before this visit decides the notice; reading it now updates the record.
  const [readBefore, setReadBefore] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (!loaded || state.status !== 'ready') return;
    setReadBefore(reads.get(post.slug));
    void rememberRead(post).then(refreshDeviceState);
  }, [loaded, state.status, post.hash]);
  if (state.status === 'loading') {
    return (
      <p class="status" role="status">
        Loading the article…
      </p>
    );
  }
  if (state.status === 'error') {
    return (
      <div class="notice" role="alert">
        <p>{state.message}</p>
        <button type="button" onClick={retry}>
          Try again
        </button>
      </div>
    );
  }
  return (
    <>
      {readBefore !== undefined && readBefore !== post.hash && (
        <p class="notice changed">This post has been updated since you last read it.</p>
      )}
      <TableOfContents toc={state.article.toc} />
      <ArticleHtml hash={post.hash} html={state.article.html} track={post.slug} />
      <FinishedButton slug={post.slug} />
    </>
  );
}

function FinishedButton({ slug }: { slug: string }) {
  const { progress, loaded } = useStore(deviceState);
  const finished = progress.get(slug)?.finished ?? false;
  return (
    <p class="finish">
      <button
        type="button"
        aria-pressed={finished}
        disabled={!loaded}
        onClick={() => void setFinished(slug, !finished)}
      >
        {finished ? '✓ Read' : 'Mark as read'}
      </button>
    </p>
  );
}

/** The body, its first part painted at once and the rest a frame later (see article-parts.ts). */
function ArticleHtml({ hash, html, track }: { hash: string; html: string; track?: string }) {
  const [lead, rest] = splitArticle(html);
  const [showRest, setShowRest] = useState(isHydrating);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!showRest) requestAnimationFrame(() => setTimeout(() => setShowRest(true)));
  }, [showRest]);
  useReadingPosition(track ?? '', () => root.current, Boolean(track) && (showRest || !rest));
  // Sanitized against an allow-list at build time (src/build/sanitize.ts).
  return (
    <div data-article-hash={hash} ref={root}>
      <div class="prose" dangerouslySetInnerHTML={{ __html: lead }} />
      {rest && showRest && <div class="prose" dangerouslySetInnerHTML={{ __html: rest }} />}
    </div>
  );
}

function PrevNext({ newer, older }: { newer?: PostMeta | undefined; older?: PostMeta | undefined }) {
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
