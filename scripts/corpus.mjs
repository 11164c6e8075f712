// `npm run corpus -- --posts N --out DIR`: N synthetic posts that pass the authors' contract, for measuring the
// reader at scale. Deterministic (fixed seed): the same N gives the same posts. Never committed.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const TAGS = [
  'linux',
  'kernel',
  'networking',
  'memory',
  'scheduling',
  'storage',
  'filesystems',
  'ebpf',
  'containers',
  'security',
  'threading',
  'assembly',
  'boot',
  'drivers',
  'performance',
  'tracing',
  'io-uring',
  'epoll',
  'virtualization',
  'cgroups',
  'namespaces',
  'systemd',
  'glibc',
  'compilers',
  'linkers',
  'elf',
  'debugging',
  'profiling',
  'numa',
  'interrupts',
  'dma',
  'pci',
  'usb',
  'block',
  'page-cache',
  'tcp',
  'udp',
  'dpdk',
  'xdp',
  'rust',
];
const WORDS = (
  'the kernel schedules a task when its runqueue drains and the scheduler picks the next entity by virtual runtime ' +
  'while interrupts arrive the handler acknowledges the device and defers work to a softirq which runs later ' +
  'memory is mapped lazily a page fault walks the tables allocates a frame and installs the entry atomically ' +
  'locks protect shared state a spinlock busy waits a mutex sleeps and a futex waits in user space first ' +
  'packets land in a ring buffer through dma napi polls them in batches and the stack demultiplexes each one'
).split(' ');
/** @template T @param {() => number} r @param {T[]} list @returns {T} */
const pick = (r, list) => /** @type {T} */ (list[Math.floor(r() * list.length)]);
const IDENTS = [
  'futex_wait',
  'EPOLLET',
  'bpf_map_lookup_elem',
  'io_uring_enter',
  'handle_mm_fault',
  'tcp_v4_rcv',
  'schedule',
  'copy_to_user',
  'kmalloc',
  'memory.max',
  'FUTEX_WAKE',
  'bpf_ringbuf_reserve',
  'napi_poll',
];

/**
 * mulberry32: a small seeded generator, so the corpus is the same on every machine.
 * @param {number} seed
 */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** @param {() => number} r @param {number} n */
const C_FENCE = (r, n) => `\`\`\`c fragment
static int handler_${n}(struct ctx *c)
{
	int err = ${pick(r, IDENTS).replace(/\W/g, '_')}(c->arg, ${n});
	if (err < 0)
		return err;
	return copy_to_user(c->buf, &c->val, sizeof(c->val)) ? -EFAULT : 0;
}
\`\`\``;
/** @param {number} n */
const ASM_FENCE = (n) => `\`\`\`nasm fragment
    mov ax, 0x${(n % 0xffff).toString(16).padStart(4, '0')}
    int 0x13
    jc .error_${n}
\`\`\``;
/** @param {number} n */
const SH_FENCE = (n) => `\`\`\`sh
$ perf stat -e cycles,instructions ./bench --iterations ${n * 100}
$ cat /sys/fs/cgroup/demo/memory.max
\`\`\``;

/**
 * One post's Markdown.
 * @param {number} i @param {() => number} r @param {boolean} withDiagram
 */
export function makePost(i, r, withDiagram) {
  const words = 500 + Math.floor(r() * 3500);
  const tagCount = 1 + Math.floor(r() * 3);
  const tags = [...new Set(Array.from({ length: tagCount }, () => TAGS[Math.floor(r() * TAGS.length)]))];
  const day = new Date(Date.UTC(2006, 0, 1) + Math.floor(r() * 20 * 365.25) * 86_400_000).toISOString().slice(0, 10);
  const sentence = () => {
    const n = 8 + Math.floor(r() * 14);
    const w = Array.from({ length: n }, () =>
      r() < 0.04 ? `\`${IDENTS[Math.floor(r() * IDENTS.length)]}\`` : WORDS[Math.floor(r() * WORDS.length)],
    );
    return `${w.join(' ').replace(/^./, (c) => c.toUpperCase())}.`;
  };
  const body = [];
  let written = 0;
  let section = 0;
  while (written < words) {
    section += 1;
    body.push(`## Section ${section}: ${WORDS[Math.floor(r() * WORDS.length)]} and ${IDENTS[section % IDENTS.length]}`);
    for (let p = 0; p < 3 && written < words; p++) {
      const para = Array.from({ length: 3 + Math.floor(r() * 4) }, sentence).join(' ');
      written += para.split(' ').length;
      body.push(para);
    }
    if (section % 2 === 0) body.push(`### Detail ${section}`, sentence());
    const kind = section % 3;
    body.push(kind === 0 ? C_FENCE(r, i * 10 + section) : kind === 1 ? SH_FENCE(section) : ASM_FENCE(i + section));
  }
  if (withDiagram) body.splice(2, 0, `![A diagram of the flow described in this post](images/corpus-diagram.svg)`);
  body.push('## Sources', '- The synthetic corpus generator of this project.');
  const front = [
    '---',
    `title: "Synthetic post ${i + 1}: ${WORDS[i % WORDS.length]} ${IDENTS[i % IDENTS.length]}"`,
    `date: ${day}`,
    `tags: [${tags.join(', ')}]`,
    `summary: "A generated post of about ${words} words for measuring the reader at scale."`,
    '---',
  ];
  return `${front.join('\n')}\n\n${body.join('\n\n')}\n`;
}

const DIAGRAM = `<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 200 60"><title>Flow</title><desc>Two boxes joined by an arrow.</desc><rect width="200" height="60" fill="#fff"/><rect x="10" y="15" width="60" height="30" fill="none" stroke="#333"/><rect x="130" y="15" width="60" height="30" fill="none" stroke="#333"/><path d="M70 30h60" stroke="#333"/></svg>\n`;

/**
 * Write `count` posts into `out`, replacing what was there.
 * @param {number} count @param {string} out
 */
export function writeCorpus(count, out) {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(path.join(out, 'images'), { recursive: true });
  writeFileSync(path.join(out, 'images', 'corpus-diagram.svg'), DIAGRAM);
  const r = random(20261201);
  for (let i = 0; i < count; i++) {
    writeFileSync(path.join(out, `synthetic-${String(i + 1).padStart(5, '0')}.md`), makePost(i, r, i % 50 === 0));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { posts: { type: 'string', default: '1000' }, out: { type: 'string' } } });
  if (!values.out) {
    console.error('usage: npm run corpus -- --posts N --out DIR');
    process.exit(2);
  }
  const count = Number(values.posts);
  writeCorpus(count, path.resolve(values.out));
  console.log(`wrote ${count} posts to ${values.out}`);
}
