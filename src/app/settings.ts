/** The reader's appearance choices. Kept in localStorage, which src/app/theme.js (inline in every page) reads before
 * the first paint. */
export type Theme = 'system' | 'light' | 'dark';

export const TEXT_SCALES = [
  { value: '0.9', label: 'Small' },
  { value: '1', label: 'Normal' },
  { value: '1.15', label: 'Large' },
  { value: '1.3', label: 'Larger' },
] as const;
export type TextScale = (typeof TEXT_SCALES)[number]['value'];

const THEME_KEY = 'reader:theme';
const SCALE_KEY = 'reader:text-scale';

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Storage blocked: the choice holds for this page only.
  }
}

export function getTheme(): Theme {
  const t = read(THEME_KEY);
  return t === 'light' || t === 'dark' ? t : 'system';
}

export function getTextScale(): TextScale {
  const s = read(SCALE_KEY);
  return TEXT_SCALES.find((x) => x.value === s)?.value ?? '1';
}

/** Apply and remember a theme; "system" follows the device's light or dark mode. */
export function setTheme(theme: Theme): void {
  write(THEME_KEY, theme === 'system' ? null : theme);
  if (theme === 'system') document.documentElement.removeAttribute('data-theme');
  else document.documentElement.setAttribute('data-theme', theme);
}

/** Apply and remember a text size. */
export function setTextScale(scale: TextScale): void {
  write(SCALE_KEY, scale === '1' ? null : scale);
  document.documentElement.style.setProperty('--text-scale', scale);
}
