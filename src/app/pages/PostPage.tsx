import { postPath } from '../../shared/routes.ts';
import type { PostMeta } from '../../shared/types.ts';
import { PostMetaLine } from '../components/PostMetaLine.tsx';
import { TableOfContents } from '../components/TableOfContents.tsx';
import { TagLinks } from '../components/TagLinks.tsx';
import type { PageProps } from '../lazy-pages.ts';
import { href } from '../paths.ts';
import { useEffect, useState } from 'preact/hooks';
import { deviceState, refreshDeviceState, rememberRead } from '../storage.ts';
import { useStore } from '../store.ts';
import { isHydrating, splitArticle } from '../article-parts.ts';
import { useArticle } from '../use-article.ts';
import { NotFound } from './NotFound.tsx';

/** A post: its heading, metadata, contents, body, and the posts before and after it. */
export default function PostPage({ posts, route }: PageProps) {
  const slug = route.kind === 'post' ? route.slug : '';
  const index = posts.findIndex((p) => p.slug === slug);
  const post = posts[index];
  if (!post) return <NotFound />;
  return (
    <>
      <article class="post" aria-labelledby="post-title">
        <header>
          <h1 id="post-title" tabIndex={-1}>
            {post.title}
          </h1>
          <PostMetaLine post={post} />
          <TagLinks tags={post.tags} />
        </header>
        <ArticleBody post={post} />
      </article>
      <PrevNext newer={posts[index - 1]} older={posts[index + 1]} />
    </>
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
      <ArticleHtml hash={post.hash} html={state.article.html} />
    </>
  );
}

/** The body, its first part painted at once and the rest a frame later (see article-parts.ts). */
function ArticleHtml({ hash, html }: { hash: string; html: string }) {
  const [lead, rest] = splitArticle(html);
  const [showRest, setShowRest] = useState(isHydrating);
  useEffect(() => {
    if (!showRest) requestAnimationFrame(() => setTimeout(() => setShowRest(true)));
  }, [showRest]);
  // Sanitized against an allow-list at build time (src/build/sanitize.ts).
  return (
    <div data-article-hash={hash}>
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
