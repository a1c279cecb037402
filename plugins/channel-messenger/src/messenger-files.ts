import { isSwitchboardError, type PluginAttachments } from '@switchboard/plugin-sdk';
import mime from 'mime-types';
import { isSendApiError } from './messenger-error-codes';
import type { MessengerGraph } from './messenger-graph';
import type { InboundFile } from './messenger-parse';

/** A file kept (its attachment id), or why it was not, for agents to read in the message. */
export type KeptFile = { attachmentId: string } | { note: string };

/**
 * Copies a file a person sent from Meta's CDN into attachment storage — the URLs expire, and
 * browsers must never be handed them. Transient failures (network, 429, 5xx) throw so the webhook
 * is retried; a file that is gone, too large or of a refused type becomes a note.
 *
 * @example
 * const kept = await keepFile({ graph, attachments: ctx.attachments, maxBytes }, { url, type: 'image' }, 'messenger-image-1');
 */
export async function keepFile(
  deps: { graph: MessengerGraph; attachments: Pick<PluginAttachments, 'put'>; maxBytes: number },
  file: InboundFile,
  baseName: string,
): Promise<KeptFile> {
  const what = file.type.replace(/_/g, ' ');
  try {
    const { data, contentType } = await deps.graph.fetchFile(file.url, deps.maxBytes);
    const type = contentType?.split(';')[0]?.trim() || undefined;
    const ref = await deps.attachments.put({ data, filename: `${baseName}.${(type && mime.extension(type)) || 'bin'}`, declaredType: type });
    return { attachmentId: ref.id };
  } catch (err) {
    if (isSendApiError(err) && err.status !== 0 && err.status !== 429 && err.status < 500) return { note: `the ${what} could not be kept: ${err.message}` };
    if (isSwitchboardError(err) && (err.status === 413 || err.status === 415)) return { note: `the ${what} was not kept: ${err.message}` };
    throw err;
  }
}
