import { hydrate, render } from 'preact';
import posts from 'virtual:posts';
import { App } from './App.tsx';
import { adoptPrerenderedArticle } from './article-source.ts';
import { currentPath } from './use-path.ts';
import './styles.css';

const root = document.getElementById('app')!;
adoptPrerenderedArticle(posts, root);
// Prerendered pages are hydrated in place; the dev server sends an empty shell, rendered from scratch.
(root.firstElementChild ? hydrate : render)(<App posts={posts} path={currentPath()} />, root);
