/// <reference types="vite/client" />

declare module 'virtual:posts' {
  const posts: import('../shared/types.ts').PostMeta[];
  export default posts;
}

declare module 'virtual:articles' {
  const articles: Record<string, import('../shared/types.ts').Article>;
  export default articles;
}
