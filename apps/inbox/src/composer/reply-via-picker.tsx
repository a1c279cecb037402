import { useId } from 'react';
import { legWindow } from '../conversation/reply-window';
import type { ViaOption } from './reply-via';

type Props = {
  options: readonly ViaOption[];
  value: string | null;
  onChange(key: string): void;
  now: number;
  disabled?: boolean;
};

/**
 * "Reply via": where the next reply goes — a leg of the conversation, or a new one on another
 * channel account the contact can be reached on (opened when the reply is sent). Each choice says
 * when its reply window is closed. Hidden when there is only one way to reply.
 *
 * @example
 * <ReplyViaPicker options={options} value={via} onChange={setVia} now={now} />
 */
export function ReplyViaPicker({ options, value, onChange, now, disabled }: Props) {
  const id = useId();
  if (options.length < 2) return null;
  return (
    <span className="reply-via">
      <label htmlFor={id} className="reply-via__label">
        Reply via
      </label>
      <select id={id} className="reply-via__select" value={value ?? ''} disabled={disabled} onChange={(e) => onChange(e.target.value)}>
        {options.map((o) => (
          <option key={o.key} value={o.key}>
            {o.label}
            {legWindow(o, now).kind === 'closed' ? ' — window closed' : ''}
          </option>
        ))}
      </select>
    </span>
  );
}
