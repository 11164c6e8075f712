/// <reference types="vite/client" />

declare module 'virtual:index-manifest' {
  /** The base-relative name of this version's index manifest. */
  const name: string;
  export default name;
}
