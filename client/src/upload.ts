import { csrfHeaders, errorFromBody } from './api';

/** The rejection of an upload its signal aborted. */
export class UploadAborted extends Error {}

/**
 * POSTs a form with files through XMLHttpRequest, because fetch cannot report upload
 * progress; `onProgress` receives 0–1. Aborting `signal` stops the upload (UploadAborted).
 */
export function uploadWithProgress<T>(
  url: string,
  form: FormData,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    if (signal?.aborted) return reject(new UploadAborted('the upload was cancelled'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.addEventListener('abort', () => reject(new UploadAborted('the upload was cancelled')));
    xhr.open('POST', url);
    xhr.setRequestHeader('accept', 'application/json');
    for (const [name, value] of Object.entries(csrfHeaders())) xhr.setRequestHeader(name, value);
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    });
    xhr.addEventListener('load', () => {
      let data: unknown;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        data = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(data as T);
      else reject(errorFromBody(xhr.status, xhr.statusText, data));
    });
    xhr.addEventListener('error', () => reject(new Error('the upload failed: network error')));
    xhr.send(form);
  });
}
