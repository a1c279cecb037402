import type { AttachmentRef } from '@switchboard/events';
import { useCallback, useRef, useState } from 'react';
import { uploadAttachment } from '../api/attachment-upload';
import { useSignedIn } from '../auth/session-context';

/** One file being attached. */
export type Upload = {
  localId: string;
  name: string;
  size: number;
  previewUrl: string | null;
  progress: number;
  state: 'uploading' | 'done' | 'error';
  ref: AttachmentRef | null;
  error: string | null;
};

/**
 * Uploads files as they are attached (button, drop or paste), with progress and the server's
 * reason when one is refused (too large, type not allowed).
 *
 * @example
 * const uploads = useUploads(); uploads.add(event.dataTransfer.files);
 */
export function useUploads() {
  const { api } = useSignedIn();
  const [uploads, setUploads] = useState<Upload[]>([]);
  const controllers = useRef(new Map<string, AbortController>());

  const patch = useCallback((localId: string, p: Partial<Upload>) => {
    setUploads((list) => list.map((u) => (u.localId === localId ? { ...u, ...p } : u)));
  }, []);

  const add = useCallback(
    (files: Iterable<File>) => {
      for (const file of files) {
        const localId = crypto.randomUUID();
        const controller = new AbortController();
        controllers.current.set(localId, controller);
        const previewUrl = file.type.startsWith('image/') ? URL.createObjectURL(file) : null;
        setUploads((list) => [...list, { localId, name: file.name || 'pasted file', size: file.size, previewUrl, progress: 0, state: 'uploading', ref: null, error: null }]);
        uploadAttachment(api.client, file, { signal: controller.signal, onProgress: (progress) => patch(localId, { progress }) })
          .then((ref) => patch(localId, { state: 'done', ref, progress: 1 }))
          .catch((err: unknown) => {
            if (controller.signal.aborted) return;
            patch(localId, { state: 'error', error: (err as Error).message });
          })
          .finally(() => controllers.current.delete(localId));
      }
    },
    [api, patch],
  );

  const remove = useCallback((localId: string) => {
    controllers.current.get(localId)?.abort();
    setUploads((list) => {
      const gone = list.find((u) => u.localId === localId);
      if (gone?.previewUrl) URL.revokeObjectURL(gone.previewUrl);
      return list.filter((u) => u.localId !== localId);
    });
  }, []);

  const clear = useCallback(() => {
    setUploads((list) => {
      for (const u of list) if (u.previewUrl) URL.revokeObjectURL(u.previewUrl);
      return [];
    });
  }, []);

  return { uploads, add, remove, clear, busy: uploads.some((u) => u.state === 'uploading'), refs: uploads.flatMap((u) => (u.ref ? [u.ref] : [])) };
}
