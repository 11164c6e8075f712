import { createStore } from './store.ts';

interface InstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

/** The browser's offer to install the app, while it stands; undefined when there is none or it is installed. */
export const installOffer = createStore<InstallPromptEvent | undefined>(undefined);

/** Listen for the browser's install offer (Chromium's beforeinstallprompt) and for the app being installed. */
export function listenForInstall(): void {
  addEventListener('beforeinstallprompt', (event) => {
    event.preventDefault(); // our own button offers it, where the reader looks for it
    installOffer.set(event as InstallPromptEvent);
  });
  addEventListener('appinstalled', () => installOffer.set(undefined));
}

/** Show the browser's install dialog; the offer is used up either way. */
export async function install(): Promise<void> {
  const offer = installOffer.get();
  if (!offer) return;
  installOffer.set(undefined);
  await offer.prompt();
  await offer.userChoice.catch(() => undefined);
}
