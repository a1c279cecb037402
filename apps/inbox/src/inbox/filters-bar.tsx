import { Popover } from 'radix-ui';
import { useState, type ReactNode } from 'react';
import type { ConversationSort, ConversationStatus, Priority } from '../api/api-types';
import { PRIORITIES } from '../api/api-types';
import { channelInfo } from '../lib/channel-label';
import { useAgents, useCapabilities, useLabels, useTeams } from '../shell/directory';
import { priorityLabel } from '../ui/badges';
import { ChevronDownIcon, XIcon } from '../ui/icons';
import type { ListFilter } from './list-filter';

const STATUSES: Array<{ value: ConversationStatus | 'any'; label: string }> = [
  { value: 'open', label: 'Open' },
  { value: 'pending', label: 'Pending' },
  { value: 'snoozed', label: 'Snoozed' },
  { value: 'resolved', label: 'Resolved' },
  { value: 'any', label: 'Any status' },
];

type Props = {
  filter: ListFilter;
  onChange(filter: ListFilter): void;
  count: number;
  complete: boolean;
};

type Narrowing = { key: 'teamId' | 'label' | 'priority' | 'channel' | 'assigneeId'; name: string; value: string };

/**
 * The filters above the list: status and order at hand; team, label, priority, channel and
 * assignee (All view) in a "Filters" popover, each active one shown as a chip that removes it.
 * Teams and labels come from the server (`GET /teams`, `GET /labels`); every choice goes into the
 * URL, so the view can be reloaded or shared as it is.
 *
 * @example
 * <FiltersBar filter={filter} onChange={setFilter} count={items.length} complete={complete} />
 */
export function FiltersBar({ filter, onChange, count, complete }: Props) {
  const { teams, byId: teamsById } = useTeams();
  const labels = useLabels();
  const { agents, byId: agentsById } = useAgents();
  const capabilities = useCapabilities();
  const [open, setOpen] = useState(false);
  const channels = (capabilities?.plugins ?? []).filter((p) => p.kind === 'channel').map((p) => p.id);
  // A filter from a link may name a label no conversation carries (any more): still offer it.
  const labelOptions = filter.label && !labels.some((l) => l.label === filter.label) ? [{ label: filter.label, count: 0 }, ...labels] : labels;
  const set = (patch: Partial<ListFilter>) => onChange({ ...filter, ...patch });

  const active: Narrowing[] = [];
  if (filter.teamId) active.push({ key: 'teamId', name: 'Team', value: teamsById.get(filter.teamId)?.name ?? 'unknown team' });
  if (filter.label) active.push({ key: 'label', name: 'Label', value: filter.label });
  if (filter.priority) active.push({ key: 'priority', name: 'Priority', value: priorityLabel(filter.priority) });
  if (filter.channel) active.push({ key: 'channel', name: 'Channel', value: channelInfo(filter.channel).label });
  if (filter.view === 'all' && filter.assigneeId) active.push({ key: 'assigneeId', name: 'Assignee', value: agentsById.get(filter.assigneeId)?.name ?? 'an agent' });

  return (
    <div className="filters" role="group" aria-label="Filters">
      <div className="filters__row">
        <Select label="Status" value={filter.status ?? 'any'} onChange={(v) => set({ status: v === 'any' ? undefined : (v as ConversationStatus) })}>
          {STATUSES.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </Select>
        <Popover.Root open={open} onOpenChange={setOpen}>
          <Popover.Trigger asChild>
            <button type="button" className={`filters__more${active.length ? ' filters__more--active' : ''}`} aria-label={`Filters${active.length ? `, ${active.length} active` : ''}`}>
              Filters{active.length ? ` · ${active.length}` : ''} <ChevronDownIcon size={12} />
            </button>
          </Popover.Trigger>
          <Popover.Portal>
            <Popover.Content className="popover filters__popover" align="start" sideOffset={4} aria-label="More filters">
              <Field label="Team">
                <select value={filter.teamId ?? ''} onChange={(e) => set({ teamId: e.target.value || undefined })}>
                  <option value="">Any team</option>
                  {teams.map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name}
                    </option>
                  ))}
                  {filter.teamId && !teamsById.has(filter.teamId) && <option value={filter.teamId}>Unknown team</option>}
                </select>
              </Field>
              <Field label="Label">
                <select value={filter.label ?? ''} onChange={(e) => set({ label: e.target.value || undefined })}>
                  <option value="">Any label</option>
                  {labelOptions.map((l) => (
                    <option key={l.label} value={l.label}>
                      {l.label}
                      {l.count ? ` (${l.count})` : ''}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label="Priority">
                <select value={filter.priority ?? ''} onChange={(e) => set({ priority: (e.target.value || undefined) as Priority | undefined })}>
                  <option value="">Any priority</option>
                  {PRIORITIES.map((p) => (
                    <option key={p} value={p}>
                      {priorityLabel(p)}
                    </option>
                  ))}
                </select>
              </Field>
              {channels.length > 1 && (
                <Field label="Channel">
                  <select value={filter.channel ?? ''} onChange={(e) => set({ channel: e.target.value || undefined })}>
                    <option value="">Any channel</option>
                    {channels.map((c) => (
                      <option key={c} value={c}>
                        {channelInfo(c).label}
                      </option>
                    ))}
                  </select>
                </Field>
              )}
              {filter.view === 'all' && (
                <Field label="Assignee">
                  <select value={filter.assigneeId ?? ''} onChange={(e) => set({ assigneeId: e.target.value || undefined })}>
                    <option value="">Anyone</option>
                    {agents.map((a) => (
                      <option key={a.id} value={a.id}>
                        {a.name}
                      </option>
                    ))}
                  </select>
                </Field>
              )}
              <button
                type="button"
                className="btn btn--ghost btn--small"
                disabled={active.length === 0}
                onClick={() => set({ teamId: undefined, label: undefined, priority: undefined, channel: undefined, assigneeId: undefined })}
              >
                Clear filters
              </button>
            </Popover.Content>
          </Popover.Portal>
        </Popover.Root>
        <Select label="Sort" value={filter.sort} onChange={(v) => set({ sort: v as ConversationSort })}>
          <option value="activity">Latest activity</option>
          <option value="waiting">Longest waiting</option>
        </Select>
      </div>
      <div className="filters__foot">
        {active.length > 0 && (
          <ul className="filters__active" aria-label="Active filters">
            {active.map((a) => (
              <li key={a.key} className="chip filters__chip">
                <span>
                  {a.name}: {a.value}
                </span>
                <button type="button" className="chip__remove" aria-label={`Remove filter ${a.name}: ${a.value}`} onClick={() => set({ [a.key]: undefined })}>
                  <XIcon size={11} />
                </button>
              </li>
            ))}
          </ul>
        )}
        <span className="filters__count muted" aria-live="polite">
          {count}
          {complete ? '' : '+'} {count === 1 ? 'conversation' : 'conversations'}
        </span>
      </div>
    </div>
  );
}

function Select({ label, value, onChange, children }: { label: string; value: string; onChange(value: string): void; children: ReactNode }) {
  return (
    <label className="filters__select">
      <span className="visually-hidden">{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {children}
      </select>
    </label>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="field filters__field">
      <span>{label}</span>
      {children}
    </label>
  );
}
