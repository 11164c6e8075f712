import { install, installOffer } from '../install.ts';
import { useStore } from '../store.ts';

/** "Install app", shown only while the browser offers installation (gone once installed). */
export function InstallButton() {
  const offer = useStore(installOffer);
  if (!offer) return null;
  return (
    <button type="button" class="install" onClick={() => void install()}>
      Install app
    </button>
  );
}
