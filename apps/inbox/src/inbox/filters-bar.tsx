import type { ConversationStatus } from '../api/api-types';

const STATUSES: Array<{ value: ConversationStatus | 'any'; label: string }> = [
  { value: 'open', label: 'Open' },
  { value: 'pending', label: 'Pending' },
  { value: 'snoozed', label: 'Snoozed' },
  { value: 'resolved', label: 'Resolved' },
  { value: 'any', label: 'Any status' },
];

type Props = {
  status: ConversationStatus | undefined;
  onStatusChange(status: ConversationStatus | undefined): void;
  count: number;
  complete: boolean;
};

/**
 * The filters above the list. Status for now; search, channel, team, label, assignee and sort
 * join here as the API gains them (TODO(#3)), each as one more control in this bar.
 *
 * @example
 * <FiltersBar status={status} onStatusChange={setStatus} count={items.length} complete={complete} />
 */
export function FiltersBar({ status, onStatusChange, count, complete }: Props) {
  return (
    <div className="filters" role="toolbar" aria-label="Filters">
      <label className="filters__select">
        <span className="visually-hidden">Status</span>
        <select value={status ?? 'any'} onChange={(e) => onStatusChange(e.target.value === 'any' ? undefined : (e.target.value as ConversationStatus))}>
          {STATUSES.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
      <span className="filters__count muted" aria-live="polite">
        {count}
        {complete ? '' : '+'} {count === 1 ? 'conversation' : 'conversations'}
      </span>
    </div>
  );
}
