import { isSwitchboardError, type PluginAttachments } from '@switchboard/plugin-sdk';
import mime from 'mime-types';
import * as v from 'valibot';
import { isRetryableWhatsAppError } from './whatsapp-cloud-error-codes';
import { GraphApiError, type GraphClient } from './whatsapp-cloud-graph';
import type { InboundMedia } from './whatsapp-cloud-parse';

const MediaUrlSchema = v.object({
  url: v.pipe(v.string(), v.url()),
  mime_type: v.optional(v.string()),
  file_size: v.optional(v.union([v.string(), v.number()])),
});

/** Media that was kept (an attachment id), or the reason it could not be, for the message text. */
export type FetchedMedia = { attachmentId: string } | { note: string };

/**
 * Downloads an inbound message's media into attachment storage: asks the Graph API for the
 * short-lived URL of the media id (it expires in about 5 minutes), then fetches it with the same
 * token. Transient failures (rate limits, 5xx, network) throw so the webhook event is retried;
 * permanent ones (media gone, too large, a type the inbox refuses) come back as a note for agents.
 *
 * @example
 * const media = await fetchInboundMedia({ graph, attachments: ctx.attachments, maxBytes }, parsed.media);
 * if ('attachmentId' in media) attachmentIds.push(media.attachmentId);
 */
export async function fetchInboundMedia(
  deps: { graph: GraphClient; attachments: Pick<PluginAttachments, 'put'>; maxBytes: number },
  media: InboundMedia,
): Promise<FetchedMedia> {
  const what = `the ${media.type}`;
  try {
    const located = v.safeParse(MediaUrlSchema, await deps.graph.call('GET', encodeURIComponent(media.id)));
    if (!located.success) return { note: `${what} could not be downloaded: the Graph API gave no media URL` };
    const size = Number(located.output.file_size ?? 0);
    if (size > deps.maxBytes) return { note: `${what} was not kept: it is ${size} bytes, over the limit of ${deps.maxBytes} (maxMediaBytes)` };
    const file = await deps.graph.download(located.output.url, deps.maxBytes);
    const declaredType = media.mimeType ?? located.output.mime_type ?? file.contentType ?? undefined;
    const ref = await deps.attachments.put({ data: file.data, filename: filenameOf(media, declaredType), declaredType });
    return { attachmentId: ref.id };
  } catch (err) {
    if (err instanceof GraphApiError) {
      if (isRetryableWhatsAppError(err.code, err.status)) throw err;
      return { note: `${what} could not be downloaded: ${err.message}` };
    }
    // The core's attachment limits (size, types) are final; anything else may pass on a retry.
    if (isSwitchboardError(err) && (err.status === 413 || err.status === 415)) return { note: `${what} was not kept: ${err.message}` };
    throw err;
  }
}

/**
 * The file name an inbound media file is stored under: the customer's for documents, otherwise
 * built from the type, the media id and the MIME type's usual extension.
 *
 * @example
 * filenameOf({ id: '123', type: 'image', mimeType: 'image/jpeg', filename: null }); // 'whatsapp-image-123.jpg'
 */
export function filenameOf(media: InboundMedia, mimeType?: string): string {
  if (media.filename?.trim()) return media.filename.trim();
  const base = (mimeType ?? '').split(';')[0]!.trim();
  const extension = mime.extension(base) || 'bin';
  return `whatsapp-${media.type}-${media.id}.${extension}`;
}
