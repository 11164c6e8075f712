import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/build/content.ts';

const posts = loadContent(path.resolve(import.meta.dirname, '../../content/posts'), { drafts: false }).posts;

// The blog's index page, as it stands, in its own words: these must appear exactly.
const SEED = [
  {
    slug: 'spinlocks-mutexes-futexes',
    tags: ['threading'],
    title: 'Spinlocks, Mutexes, and Futexes: Picking the Right Lock',
    summary:
      'Three primitives cover almost every locking decision: spinlocks, mutexes, and futexes. They solve the same problem with very different cost models — burning CPU vs trapping to the kernel vs the hybrid approach modern mutexes actually use.',
  },
  {
    slug: 'decoding-elf',
    tags: ['linux'],
    title: 'Decoding ELF: How Linux Actually Loads Your Binary',
    summary:
      'You type ./a.out and a program runs. Behind that: a four-byte magic number, two parallel header tables, mmap-and-fault, and a dynamic linker that bootstraps itself. A guided tour of ELF and what execve actually does.',
  },
  {
    slug: 'dpdk-kernel-bypass',
    tags: ['networking'],
    title: 'Bypassing the Kernel: How DPDK Hits 10 Million Packets per Second',
    summary:
      "The Linux network stack tops out at ~2 Mpps per core. DPDK reaches 20 Mpps. The difference isn't speed — it's removing work: no syscalls, no allocations, no demux, no locks. Why kernel-bypass exists and when it earns its complexity.",
  },
  {
    slug: 'ebpf-maps',
    tags: ['ebpf'],
    title: 'eBPF Maps: The Data Structures That Power Kernel Programs',
    summary:
      'eBPF programs are stateless — maps are how they remember. A walk through the five map types that cover most real programs: hash, array, per-CPU, ring buffer, and LRU, with concrete code for each.',
  },
  {
    slug: 'packet-receive-path',
    tags: ['networking'],
    title: 'The Journey of a Received Packet: From NIC Interrupt to recv()',
    summary:
      'When recv() returns, dozens of layers ran behind your back — DMA, NAPI, sk_buff, protocol demux, the socket queue. A trace of the entire receive path with the cost of each hop and where the latency actually lives.',
  },
  {
    slug: 'epoll-internals',
    tags: ['networking'],
    title: "How epoll Actually Works: Inside the Kernel's Event Loop",
    summary:
      "select and poll were O(n). epoll is O(1). The reason isn't smarter scanning — it's that the kernel pushes ready events into a list as they happen. A walk through the data structures that make it work.",
  },
  {
    slug: 'real-mode-bootloader',
    tags: ['assembly'],
    title: 'Writing a 16-bit Real Mode Bootloader in x86 Assembly',
    summary:
      'The first 512 bytes that run when your machine powers on. A walkthrough of x86 real mode, the BIOS interrupt interface, segment:offset addressing, and what it takes to load a second stage.',
  },
];

describe('the blog', () => {
  it.each(SEED)('has the post "$title" exactly as its index page words it', (seed) => {
    const post = posts.find((p) => p.meta.slug === seed.slug);
    expect(post?.meta).toMatchObject({ title: seed.title, tags: seed.tags, summary: seed.summary });
  });

  it('lists the seven in the order of its index page, newest first', () => {
    const order = posts.map((p) => p.meta.slug).filter((s) => SEED.some((x) => x.slug === s));
    expect(order).toEqual(SEED.map((s) => s.slug));
  });

  it('has ten posts, each with a table of contents and a sources section', () => {
    expect(posts).toHaveLength(10);
    for (const post of posts) {
      expect(post.toc.length, post.meta.slug).toBeGreaterThanOrEqual(3);
      expect(post.toc.at(-1)?.text, post.meta.slug).toBe('Sources');
    }
  });

  it('gives every post 1,800 to 3,500 words of prose', () => {
    for (const post of posts) {
      // Listings, with their labels and line numbers, are not prose.
      const prose = post.html.replace(/<figure class="code">[\s\S]*?<\/figure>/g, ' ').replace(/<[^>]+>/g, ' ');
      const words = prose.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
      expect(words, post.meta.slug).toBeGreaterThanOrEqual(1800);
      expect(words, post.meta.slug).toBeLessThanOrEqual(3500);
    }
  });

  it('marks every C and assembly listing as a complete file or a fragment', () => {
    for (const post of posts) {
      for (const fence of post.fences.filter((f) => ['c', 'nasm', 'asm', 'x86asm'].includes(f.lang))) {
        expect(
          Boolean(fence.file) || fence.flags.includes('fragment'),
          `${post.meta.slug}: ${fence.code.slice(0, 40)}`,
        ).toBe(true);
      }
    }
  });
});
