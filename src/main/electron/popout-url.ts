// Which new-window requests the Electron shell allows: our own renderer with a pop-out ticket id.
// Kept apart from window.ts so it is testable without Electron.
import { POPOUT_ID_PATTERN, POPOUT_PARAM } from '../../shared/windows';

/** Whether `url` is our own renderer asking for a pop-out conversation window. */
export function isPopoutUrl(url: string, appOrigin: string): boolean {
  try {
    const u = new URL(url);
    const ours = appOrigin === 'file://' ? u.protocol === 'file:' : u.origin === appOrigin;
    return ours && POPOUT_ID_PATTERN.test(u.searchParams.get(POPOUT_PARAM) ?? '');
  } catch {
    return false;
  }
}
