import { useState } from 'preact/hooks';

/** Share a post: the system share sheet where there is one, else the link copied, with feedback either way. */
export function ShareButton({ title, url }: { title: string; url: string }) {
  const [said, setSaid] = useState('');
  const share = async () => {
    try {
      if (navigator.share) {
        await navigator.share({ title, url });
        return;
      }
      await navigator.clipboard.writeText(url);
      setSaid('Link copied');
    } catch (e) {
      // Closing the share sheet is not an error worth a message.
      if (!(e instanceof DOMException && e.name === 'AbortError')) setSaid('Could not share: copy the address instead');
    }
    setTimeout(() => setSaid(''), 4000);
  };
  return (
    <>
      <button type="button" onClick={() => void share()}>
        Share
      </button>
      <span class="feedback" role="status">
        {said}
      </span>
    </>
  );
}
