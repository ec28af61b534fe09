// Handing a file picked in the page to the core. Files never travel inside an API call (a 7 MB CSV
// as one WebSocket frame once killed the core): Electron gives the core the file's path; the browser
// shell streams the file to the bridge's upload endpoint (same run token) and names it by upload id.
import type {
  BRIDGE_MAX_UPLOAD_BYTES as MaxUpload,
  BRIDGE_TOKEN_PARAM as TokenParam,
  BRIDGE_UPLOAD_PATH as UploadPath,
  UploadReceipt,
} from '../../shared/bridge-protocol';
import type { Result } from '../../shared/result';

// Literal copies tied to the contract's types (a value import would pull zod into the bundle).
const BRIDGE_TOKEN_PARAM: typeof TokenParam = 'token';
const BRIDGE_UPLOAD_PATH: typeof UploadPath = '/upload';
const BRIDGE_MAX_UPLOAD_BYTES: typeof MaxUpload = 67_108_864;

export type CoreFileRef = { path: string } | { uploadId: string };

declare global {
  interface Window {
    /** Electron's preload: the dropped/picked file's path on disk (webUtils.getPathForFile). */
    xiaoerFiles?: { pathForFile(file: File): string };
  }
}

export function uploadUrl(loc: Pick<Location, 'search'>, name: string): string {
  const token = new URLSearchParams(loc.search).get(BRIDGE_TOKEN_PARAM) ?? '';
  return `${BRIDGE_UPLOAD_PATH}?${BRIDGE_TOKEN_PARAM}=${encodeURIComponent(token)}&name=${encodeURIComponent(name)}`;
}

/** Makes `file` readable by the core; progress is bytes sent (the browser shell's upload). */
export function sendFileToCore(
  file: File,
  onProgress?: (done: number, total: number) => void,
): Promise<Result<CoreFileRef>> {
  const path = window.xiaoerFiles?.pathForFile(file);
  if (path) return Promise.resolve({ ok: true, data: { path } });
  // Said before sending: the endpoint would refuse it mid-upload, which a browser reports as a network error.
  if (file.size > BRIDGE_MAX_UPLOAD_BYTES)
    return Promise.resolve({
      ok: false,
      error: {
        code: 'BAD_REQUEST',
        message: `${file.name} is larger than ${BRIDGE_MAX_UPLOAD_BYTES / 1048576} MB`,
      },
    });
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', uploadUrl(window.location, file.name));
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => onProgress?.(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => {
      try {
        const r = JSON.parse(xhr.responseText) as Result<UploadReceipt>;
        resolve(r.ok ? { ok: true, data: { uploadId: r.data.uploadId } } : r);
      } catch {
        resolve({ ok: false, error: { code: 'UNAVAILABLE', message: `upload failed (HTTP ${xhr.status})` } });
      }
    };
    xhr.onerror = () =>
      resolve({
        ok: false,
        error: { code: 'UNAVAILABLE', message: 'upload failed: the workstation core is unreachable' },
      });
    xhr.send(file);
  });
}
