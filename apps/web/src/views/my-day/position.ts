// Where the phone is, only when the person allows it: a refusal, no fix within a few seconds or no
// geolocation at all leaves the check-in without a place, never without the check-in.

const WAIT_MS = 4_000;

export async function positionIfAllowed(): Promise<{ latitude: number; longitude: number } | undefined> {
  const geolocation = globalThis.navigator?.geolocation;
  if (!geolocation) return undefined;
  try {
    const permission = await navigator.permissions?.query({ name: 'geolocation' });
    if (permission?.state === 'denied') return undefined;
  } catch {
    // No Permissions API: asking is the only way to know.
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), WAIT_MS + 500);
    geolocation.getCurrentPosition(
      (position) => {
        clearTimeout(timer);
        resolve({ latitude: position.coords.latitude, longitude: position.coords.longitude });
      },
      () => {
        clearTimeout(timer);
        resolve(undefined);
      },
      { enableHighAccuracy: false, timeout: WAIT_MS, maximumAge: 60_000 },
    );
  });
}
