import { describe, expect, it } from 'vitest';
import { isPopoutUrl } from '../../../src/main/electron/popout-url';

describe('isPopoutUrl (which new windows the Electron shell allows)', () => {
  it('allows our own renderer with a ticket id, from a dev server or from files', () => {
    expect(isPopoutUrl('http://localhost:5173/?popout=t-123', 'http://localhost:5173')).toBe(true);
    expect(isPopoutUrl('file:///opt/xiaoer/renderer/index.html?popout=abc_9', 'file://')).toBe(true);
  });

  it('refuses other origins, other schemes, missing or odd ids', () => {
    expect(isPopoutUrl('http://evil.example/?popout=t-1', 'http://localhost:5173')).toBe(false);
    expect(isPopoutUrl('https://localhost:5173/?popout=t-1', 'http://localhost:5173')).toBe(false);
    expect(isPopoutUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(false);
    expect(isPopoutUrl('http://localhost:5173/?popout=%3Cscript%3E', 'http://localhost:5173')).toBe(false);
    expect(isPopoutUrl('file:///etc/passwd?popout=t-1', 'http://localhost:5173')).toBe(false);
    expect(isPopoutUrl('not a url', 'file://')).toBe(false);
  });
});
