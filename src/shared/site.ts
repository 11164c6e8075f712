/** The blog's own name and description, used by the pages, the feed and the manifest. */
export const SITE = {
  title: 'Linux Systems',
  description: 'A technical blog about Linux systems: locks, loaders, packets, eBPF and the kernel paths underneath.',
  author: 'Linux Systems',
  lang: 'en',
} as const;
