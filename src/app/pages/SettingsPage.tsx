import { useEffect, useState } from 'preact/hooks';
import { OfflineSettings } from '../components/OfflineSettings.tsx';
import { install, installOffer } from '../install.ts';
import type { PageProps } from '../lazy-pages.ts';
import {
  getTextScale,
  getTheme,
  setTextScale,
  setTheme,
  TEXT_SCALES,
  type TextScale,
  type Theme,
} from '../settings.ts';
import { useStore } from '../store.ts';

/** Settings: offline reading (what is kept, space, quota, persistence), appearance, and installing the app. */
export default function SettingsPage(_props: PageProps) {
  return (
    <>
      <h1 tabIndex={-1}>Settings</h1>
      <InstallSection />
      <Appearance />
      <OfflineSettings />
    </>
  );
}

const THEMES: { value: Theme; label: string }[] = [
  { value: 'system', label: 'Same as the device' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

/** Theme and text size, applied at once and before the first paint of every later visit. */
function Appearance() {
  const [theme, pickTheme] = useState<Theme>('system');
  const [scale, pickScale] = useState<TextScale>('1');
  useEffect(() => {
    pickTheme(getTheme());
    pickScale(getTextScale());
  }, []);
  return (
    <>
      <h2>Appearance</h2>
      <Choices
        legend="Theme"
        name="theme"
        options={THEMES}
        value={theme}
        onChange={(t) => {
          setTheme(t);
          pickTheme(t);
        }}
      />
      <Choices
        legend="Text size"
        name="text-size"
        options={TEXT_SCALES}
        value={scale}
        onChange={(t) => {
          setTextScale(t);
          pickScale(t);
        }}
      />
    </>
  );
}

/** Offered only while the browser offers installation. */
function InstallSection() {
  const offer = useStore(installOffer);
  if (!offer) return null;
  return (
    <p class="actions">
      <button type="button" onClick={() => void install()}>
        Install app
      </button>{' '}
      <span class="count">Opens on its own, from the home screen, with or without a network.</span>
    </p>
  );
}

/** A group of radio buttons with a legend. */
function Choices<T extends string>(props: {
  legend: string;
  name: string;
  options: readonly { value: T; label: string }[];
  value: T;
  onChange: (value: T) => void;
}) {
  return (
    <fieldset class="choices">
      <legend>{props.legend}</legend>
      {props.options.map((option) => (
        <label key={option.value}>
          <input
            type="radio"
            name={props.name}
            value={option.value}
            checked={props.value === option.value}
            onChange={() => props.onChange(option.value)}
          />{' '}
          {option.label}
        </label>
      ))}
    </fieldset>
  );
}
