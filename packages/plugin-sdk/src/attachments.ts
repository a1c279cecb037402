import type { AttachmentRef } from '@switchboard/events';

/** What a plugin hands the core to store as an attachment. The type is sniffed from the bytes. */
export type AttachmentInput = {
  data: Uint8Array;
  filename: string;
  /** What the sender claimed; used only when sniffing cannot tell (plain text, CSV). */
  declaredType?: string | undefined;
};

/**
 * The core's attachment storage as a plugin sees it: channels put downloaded media here (provider
 * URLs expire) and get short-lived signed URLs for outbound sends.
 *
 * @example
 * const ref = await ctx.attachments.put({ data: bytes, filename: 'photo.jpg' });
 * await channel.recordInbound({ ..., attachmentIds: [ref.id] });
 */
export type PluginAttachments = {
  put(input: AttachmentInput): Promise<AttachmentRef>;
  get(id: string): Promise<{ ref: AttachmentRef; data: Uint8Array }>;
  /** A URL anyone holding it may download from until it expires. */
  signedUrl(id: string, ttlSeconds?: number): Promise<string>;
};
