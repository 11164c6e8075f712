/// <reference types="vite/client" />

declare module 'virtual:post-refs' {
  const posts: import('../shared/types.ts').PostRef[];
  export default posts;
}
