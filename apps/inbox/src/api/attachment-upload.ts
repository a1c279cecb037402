import type { AttachmentRef } from '@switchboard/events';
import type { ApiClient } from './api-client';
import { ApiError, describeProblem, type Problem } from './api-error';

/** Options of {@link uploadAttachment}. */
export type UploadOptions = {
  /** Fraction sent so far, 0..1. */
  onProgress?(fraction: number): void;
  signal?: AbortSignal;
};

/**
 * Uploads one file as `multipart/form-data` (field `file`) to `POST /attachments`. Uses XHR
 * because fetch cannot report upload progress; errors are {@link ApiError}s from the problem body
 * (too large, type not allowed) or status 0 when the network failed.
 *
 * @example
 * const ref = await uploadAttachment(client, file, { onProgress: (f) => setProgress(f) });
 */
export function uploadAttachment(client: ApiClient, file: File, options: UploadOptions = {}): Promise<AttachmentRef> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${client.baseUrl}/attachments`);
    for (const [name, value] of Object.entries(client.authHeaders())) xhr.setRequestHeader(name, value);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) options.onProgress?.(e.loaded / e.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        options.onProgress?.(1);
        resolve(JSON.parse(xhr.responseText) as AttachmentRef);
        return;
      }
      let problem: Problem | null = null;
      try {
        const body = JSON.parse(xhr.responseText) as Problem;
        if (typeof body.detail === 'string') problem = body;
      } catch {
        // not a problem body
      }
      if (xhr.status === 401 && client.authHeaders().authorization) client.onUnauthorized();
      reject(new ApiError(xhr.status, problem, describeProblem(xhr.status, problem, xhr.statusText)));
    };
    xhr.onerror = () => reject(new ApiError(0, null, describeProblem(0, null)));
    xhr.onabort = () => reject(new DOMException('upload cancelled', 'AbortError'));
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}
