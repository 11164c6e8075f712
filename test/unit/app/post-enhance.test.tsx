// @vitest-environment jsdom
import { fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { enhanceBlocks, enhancePost } from '../../../src/app/post-enhance.ts';
import { renderMarkdown } from '../../../src/build/markdown.ts';

const LONG = Array.from({ length: 20 }, (_, n) => `int v${n} = ${n};`).join('\n');
const BODY = [
  'Some prose.',
  `\`\`\`c file=values.c\n${LONG}\n\`\`\``,
  '```console\n$ make\n```',
  '![A box. It holds things.](images/a.svg "The box")',
].join('\n\n');

let undo: (() => void) | undefined;
let writeText: ReturnType<typeof vi.fn<(text: string) => Promise<void>>>;

/** The post body as the build renders it, enhanced as the post page does after rendering it. */
function renderPost(): HTMLElement {
  const { html } = renderMarkdown(BODY, { resolveImage: (src) => `/content-images/${src}` });
  const root = document.createElement('div');
  render(<div class="prose" dangerouslySetInnerHTML={{ __html: html }} />, {
    container: document.body.appendChild(root),
  });
  undo = enhancePost(root);
  return root;
}

beforeEach(() => {
  writeText = vi.fn(() => Promise.resolve());
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
});
afterEach(() => {
  undo?.();
  undo = undefined;
});

describe('code blocks in a post', () => {
  it('show their language and a Copy button that copies the code alone and says "Copied" politely', async () => {
    renderPost();
    const region = screen.getByRole('region', { name: 'Code: C, values.c' });
    expect(region.tabIndex).toBe(0);
    const figure = region.closest('figure')!;
    expect(within(figure).getByText('C').className).toBe('lang');

    fireEvent.click(screen.getByRole('button', { name: 'Copy code: C, values.c' }));
    await vi.waitFor(() => expect(writeText).toHaveBeenCalledTimes(1));
    expect(writeText).toHaveBeenCalledWith(`${LONG}\n`);

    const live = await screen.findByText('Copied', { selector: '[aria-live="polite"]' });
    expect(live.textContent).toBe('Copied');
    expect(screen.getByRole('button', { name: 'Copy code: C, values.c' }).textContent).toBe('Copied');

    fireEvent.click(screen.getByRole('button', { name: 'Copy code: Terminal' }));
    await vi.waitFor(() => expect(writeText).toHaveBeenLastCalledWith('$ make\n'));
  });

  it('says so when the browser refuses the clipboard', async () => {
    writeText.mockRejectedValue(new DOMException('denied', 'NotAllowedError'));
    renderPost();
    fireEvent.click(screen.getByRole('button', { name: 'Copy code: Terminal' }));
    expect((await screen.findByText(/^Could not copy/, { selector: '[aria-live="polite"]' })).textContent).toContain(
      'select the code',
    );
  });

  it('get one Copy button each, however often they are enhanced', () => {
    const root = renderPost();
    enhanceBlocks(root);
    expect(screen.getAllByRole('button', { name: /^Copy/ })).toHaveLength(2);
    expect(screen.getAllByRole('button', { name: 'Enlarge diagram' })).toHaveLength(1);
  });
});

describe('a post being read', () => {
  it('has a decorative progress bar while the post is shown, and none after', () => {
    renderPost();
    const bar = document.querySelector('.read-bar');
    expect(bar?.getAttribute('aria-hidden')).toBe('true');
    expect((bar as HTMLElement).style.transform).toMatch(/^scaleX\(/);
    undo?.();
    undo = undefined;
    expect(document.querySelector('.read-bar')).toBeNull();
  });

  it('offers to enlarge each diagram, captioned by its title', () => {
    renderPost();
    const figure = screen.getByText('The box', { selector: 'figure.diagram > figcaption' }).parentElement!;
    expect(within(figure).getByRole('img', { name: 'A box. It holds things.' }).getAttribute('src')).toBe(
      '/content-images/images/a.svg',
    );
    expect(within(figure).getByRole('button', { name: 'Enlarge diagram' }).textContent).toBe('Enlarge');
  });
});
