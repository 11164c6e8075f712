import { useEffect, useState } from 'preact/hooks';
import type { Article, PostMeta } from '../shared/types.ts';
import { fetchArticle, knownArticle } from './article-source.ts';

export type ArticleState =
  { status: 'loading' } | { status: 'ready'; article: Article } | { status: 'error'; message: string };

/** The body of a post: at once when it is in memory, else fetched, with a retry. */
export function useArticle(post: PostMeta): [ArticleState, () => void] {
  const initial = (): ArticleState => {
    const article = knownArticle(post);
    return article ? { status: 'ready', article } : { status: 'loading' };
  };
  const [state, setState] = useState<ArticleState>(initial);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    const now = initial();
    setState(now);
    if (now.status === 'ready') return;
    fetchArticle(post).then(
      (article) => live && setState({ status: 'ready', article }),
      (e: unknown) => live && setState({ status: 'error', message: errorMessage(e) }),
    );
    return () => {
      live = false;
    };
  }, [post.hash, attempt]);

  return [state, () => setAttempt((n) => n + 1)];
}

function errorMessage(e: unknown): string {
  if (e instanceof TypeError) return 'The article could not be loaded: the network is not reachable.';
  return e instanceof Error ? e.message : String(e);
}
