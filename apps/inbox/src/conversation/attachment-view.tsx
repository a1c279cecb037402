import { useQuery } from '@tanstack/react-query';
import type { AttachmentRef } from '@switchboard/events';
import { useSignedIn } from '../auth/session-context';
import { formatBytes } from '../lib/format-bytes';
import { DownloadIcon, FileIcon } from '../ui/icons';

/**
 * An attachment of a message: an image preview, or a file card, both linking to the signed
 * download URL (`GET /attachments/:id` gives it; it expires, so it is refetched after a while).
 *
 * @example
 * {message.attachments.map((a) => <AttachmentView key={a.id} attachment={a} />)}
 */
export function AttachmentView({ attachment }: { attachment: AttachmentRef }) {
  const { api } = useSignedIn();
  const meta = useQuery({ queryKey: ['attachment', attachment.id], queryFn: ({ signal }) => api.getAttachment(attachment.id, signal), staleTime: 10 * 60_000 });
  const url = meta.data?.url;
  const isImage = attachment.contentType.startsWith('image/');
  if (isImage && url) {
    return (
      <a className="attachment attachment--image" href={url} target="_blank" rel="noreferrer" aria-label={`Open image ${attachment.name}`}>
        <img src={url} alt={attachment.name} loading="lazy" />
      </a>
    );
  }
  return (
    <div className="attachment attachment--file">
      <FileIcon size={18} />
      <span className="attachment__name" title={attachment.name}>
        {attachment.name}
      </span>
      <span className="attachment__size muted">{formatBytes(attachment.size)}</span>
      {url ? (
        <a className="icon-btn" href={url} download={attachment.name} aria-label={`Download ${attachment.name}`}>
          <DownloadIcon />
        </a>
      ) : meta.isError ? (
        <span className="muted" role="alert">
          unavailable
        </span>
      ) : null}
    </div>
  );
}
