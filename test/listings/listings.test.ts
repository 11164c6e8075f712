import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/build/content.ts';

// Every complete listing in the posts, built as content/WRITING.md says, so the code a reader copies works.
const ROOT = path.resolve(import.meta.dirname, '../..');
const posts = loadContent(path.join(ROOT, 'content/posts'), { drafts: true }).posts;
const work = mkdtempSync(path.join(tmpdir(), 'listings-'));
const triple = execFileSync('gcc', ['-dumpmachine']).toString().trim();

const listings = posts.flatMap((post) =>
  post.fences
    .filter((f) => f.file)
    .map((f) => ({ ...f, file: f.file!, slug: post.meta.slug, dir: path.join(work, post.meta.slug) })),
);

function run(cmd: string, args: string[], cwd: string, timeout = 60_000) {
  const result = spawnSync(cmd, args, { cwd, timeout, encoding: 'utf8' });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  return { ok: result.status === 0, status: result.status, signal: result.signal, output };
}

describe('the posts have complete listings', () => {
  it('finds listings of every kind the posts use', () => {
    expect(listings.filter((l) => l.lang === 'c' && !l.flags.includes('bpf')).length).toBeGreaterThanOrEqual(8);
    expect(listings.filter((l) => l.flags.includes('bpf')).length).toBeGreaterThanOrEqual(5);
    expect(listings.filter((l) => l.flags.includes('boot')).length).toBe(1);
    expect(listings.filter((l) => l.flags.includes('run')).length).toBeGreaterThanOrEqual(6);
  });
});

describe.each(listings)('$slug: $file', (listing) => {
  const source = path.join(listing.dir, listing.file);
  const binary = source.replace(/\.(c|asm)$/, listing.lang === 'nasm' ? '.bin' : '');

  it('builds without a warning', () => {
    mkdirSync(listing.dir, { recursive: true });
    writeFileSync(source, listing.code);
    const result =
      listing.lang === 'nasm'
        ? run('nasm', ['-f', 'bin', '-o', binary, source], listing.dir)
        : listing.flags.includes('bpf')
          ? run(
              'clang',
              [
                '-O2',
                '-g',
                '-Wall',
                '-Werror',
                '-target',
                'bpf',
                `-I/usr/include/${triple}`,
                '-c',
                source,
                '-o',
                `${binary}.o`,
              ],
              listing.dir,
            )
          : run(
              'gcc',
              ['-std=gnu11', '-Wall', '-Wextra', '-Werror', '-O2', '-pthread', '-o', binary, source],
              listing.dir,
            );
    expect(result.output).toBe('');
    expect(result.ok).toBe(true);
  });

  if (listing.flags.includes('run')) {
    it('runs and exits 0', () => {
      const result = run(binary, [], listing.dir, 20_000);
      expect({ status: result.status, signal: result.signal }, result.output).toEqual({ status: 0, signal: null });
    });
  }

  if (listing.flags.includes('boot')) {
    it('is a boot sector: 512 bytes ending in 0x55 0xAA', () => {
      const bytes = readFileSync(binary);
      expect(bytes.length).toBe(512);
      expect([bytes[510], bytes[511]]).toEqual([0x55, 0xaa]);
    });
  }
});

const boot = listings.find((l) => l.flags.includes('boot'));
const stage2 = listings.find((l) => l.slug === boot?.slug && l.lang === 'nasm' && !l.flags.includes('boot'));
const qemu = ['/usr/bin/qemu-system-i386', '/usr/bin/qemu-system-x86_64'].find(existsSync);

describe('the bootloader', () => {
  it('boots in QEMU, loads its second stage and runs it', () => {
    expect(boot && stage2, 'the bootloader post has a boot sector and a second stage').toBeTruthy();
    expect(qemu, 'QEMU is installed (apt-get install qemu-system-x86)').toBeDefined();
    const dir = boot!.dir;
    const bin = (l: typeof boot) => path.join(dir, l!.file.replace(/\.asm$/, '.bin'));
    const image = path.join(dir, 'disk.img');
    writeFileSync(image, Buffer.concat([readFileSync(bin(boot)), readFileSync(bin(stage2))]));
    const padded = Buffer.alloc(64 * 1024);
    readFileSync(image).copy(padded);
    writeFileSync(image, padded);
    expect(statSync(image).size).toBe(65536);
    // The boot code writes its messages to the debug port too; the machine halts at the end, so a timeout ends it.
    const result = spawnSync(
      qemu!,
      [
        '-drive',
        `format=raw,file=${image}`,
        '-display',
        'none',
        '-debugcon',
        'stdio',
        '-no-reboot',
        '-monitor',
        'none',
      ],
      { timeout: 10_000, encoding: 'utf8' },
    );
    expect(result.stdout).toContain('boot: loading stage 2');
    expect(result.stdout).toContain('stage2: running at 0000:7E00');
  });
});
