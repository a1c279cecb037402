import { DropdownMenu, Popover } from 'radix-ui';
import { useState } from 'react';
import type { ApiError } from '../api/api-error';
import type { Agent, ChangeResponse, ConversationDetail, ConversationStatus } from '../api/api-types';
import { useSignedIn } from '../auth/session-context';
import { useInboxData } from '../shell/inbox-context';
import { useShortcut } from '../shortcuts/shortcuts';
import { CheckIcon, ChevronDownIcon, ClockIcon, PauseIcon, RotateIcon, TransferIcon, UserIcon } from '../ui/icons';
import { useToast } from '../ui/toast';
import { snoozePresets, toLocalInputValue } from './snooze-presets';
import { TransferDialog } from './transfer-dialog';

type Props = {
  detail: ConversationDetail;
  agents: readonly Agent[];
  /** Called with the conversation's seq after a change, so the view can catch up at once. */
  onChanged(seq: number): void;
};

/**
 * Assign (me, an agent, nobody), transfer with a note, resolve, reopen, pending and snooze, each
 * with its shortcut.
 * The list and timeline update from the resulting events; nothing is faked locally.
 *
 * @example
 * <ConversationActions detail={detail} agents={agents} onChanged={store.catchUp} />
 */
export function ConversationActions({ detail, agents, onChanged }: Props) {
  const { api, agent: me } = useSignedIn();
  const toast = useToast();
  const { outbox } = useInboxData();
  const [assignOpen, setAssignOpen] = useState(false);
  const [transferOpen, setTransferOpen] = useState(false);
  const [snoozeOpen, setSnoozeOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const assignee = detail.assigneeId ? agents.find((a) => a.id === detail.assigneeId) : null;
  const assigneeLabel = !detail.assigneeId ? 'Unassigned' : detail.assigneeId === me.id ? 'You' : (assignee?.name ?? 'An agent');

  async function run(action: () => Promise<ChangeResponse>, done: string) {
    setBusy(true);
    try {
      const result = await action();
      onChanged(result.seq);
      if (result.changed) toast.show(done);
    } catch (err) {
      toast.show((err as ApiError).message, 'error');
    } finally {
      setBusy(false);
    }
  }
  const assign = (agentId: string | null) => {
    const name = agentId === null ? null : agentId === me.id ? 'you' : (agents.find((a) => a.id === agentId)?.name ?? 'the agent');
    void run(() => api.assign(detail.id, agentId), name ? `Assigned to ${name}` : 'Unassigned');
  };
  const setStatus = (status: ConversationStatus, label: string, until?: Date) => void run(() => api.setStatus(detail.id, status, until?.toISOString()), label);
  async function transfer(agentId: string, note: string) {
    const name = agents.find((a) => a.id === agentId)?.name ?? 'the agent';
    try {
      const result = await api.assign(detail.id, agentId);
      onChanged(result.seq);
      // The note goes through the outbox: one clientMessageId, retried until the server has it.
      if (note) outbox.send({ conversationId: detail.id, kind: 'note', text: note, attachments: [] });
      toast.show(`Transferred to ${name}`);
    } catch (err) {
      toast.show((err as ApiError).message, 'error');
      throw err;
    }
  }

  useShortcut('a', () => assign(me.id), { enabled: detail.assigneeId !== me.id });
  useShortcut('Shift+A', () => setTransferOpen(true));
  useShortcut('u', () => assign(null), { enabled: detail.assigneeId !== null });
  useShortcut('e', () => setStatus('resolved', 'Resolved'), { enabled: detail.status !== 'resolved' });
  useShortcut('o', () => setStatus('open', 'Reopened'), { enabled: detail.status !== 'open' });
  useShortcut('Shift+P', () => setStatus('pending', 'Set to pending'), { enabled: detail.status !== 'pending' });
  useShortcut('s', () => setSnoozeOpen(true));

  return (
    <div className="actions" role="toolbar" aria-label="Conversation actions" aria-busy={busy}>
      <TransferDialog open={transferOpen} onOpenChange={setTransferOpen} agents={agents} assigneeId={detail.assigneeId} meId={me.id} onTransfer={transfer} />
      <DropdownMenu.Root open={assignOpen} onOpenChange={setAssignOpen}>
        <DropdownMenu.Trigger asChild>
          <button className="btn btn--ghost" aria-label={`Assignee: ${assigneeLabel}. Change assignee`}>
            <UserIcon size={14} /> {assigneeLabel} <ChevronDownIcon size={14} />
          </button>
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content className="menu" align="end" sideOffset={4}>
            <DropdownMenu.Item className="menu__item" disabled={detail.assigneeId === me.id} onSelect={() => assign(me.id)}>
              Assign to me <kbd>a</kbd>
            </DropdownMenu.Item>
            <DropdownMenu.Separator className="menu__sep" />
            <DropdownMenu.Label className="menu__label">Agents</DropdownMenu.Label>
            {agents
              .filter((a) => a.id !== me.id)
              .map((a) => (
                <DropdownMenu.Item key={a.id} className="menu__item" disabled={detail.assigneeId === a.id} onSelect={() => assign(a.id)}>
                  <span className={`dot dot--${a.presence}`} aria-hidden="true" /> {a.name}
                  <span className="visually-hidden">, {a.presence}</span>
                  {detail.assigneeId === a.id && <CheckIcon size={14} />}
                </DropdownMenu.Item>
              ))}
            <DropdownMenu.Separator className="menu__sep" />
            <DropdownMenu.Item className="menu__item" onSelect={() => setTimeout(() => setTransferOpen(true), 0)}>
              <TransferIcon size={14} /> Transfer with a note… <kbd>⇧A</kbd>
            </DropdownMenu.Item>
            <DropdownMenu.Item className="menu__item" disabled={detail.assigneeId === null} onSelect={() => assign(null)}>
              Unassign <kbd>u</kbd>
            </DropdownMenu.Item>
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>

      {detail.status !== 'pending' && detail.status !== 'resolved' && (
        <button className="btn btn--ghost" onClick={() => setStatus('pending', 'Set to pending')} title="Set pending (Shift+P)">
          <PauseIcon size={14} /> Pending
        </button>
      )}

      <Popover.Root open={snoozeOpen} onOpenChange={setSnoozeOpen}>
        <Popover.Trigger asChild>
          <button className="btn btn--ghost" title="Snooze (s)">
            <ClockIcon size={14} /> Snooze
          </button>
        </Popover.Trigger>
        <Popover.Portal>
          <Popover.Content className="popover snooze" align="end" sideOffset={4} aria-label="Snooze until">
            <SnoozeForm
              onSnooze={(until, label) => {
                setSnoozeOpen(false);
                setStatus('snoozed', `Snoozed until ${label}`, until);
              }}
            />
          </Popover.Content>
        </Popover.Portal>
      </Popover.Root>

      {detail.status === 'resolved' ? (
        <button className="btn btn--primary" onClick={() => setStatus('open', 'Reopened')} title="Reopen (o)">
          <RotateIcon size={14} /> Reopen
        </button>
      ) : (
        <>
          {detail.status !== 'open' && (
            <button className="btn btn--ghost" onClick={() => setStatus('open', 'Reopened')} title="Reopen (o)">
              <RotateIcon size={14} /> Reopen
            </button>
          )}
          <button className="btn btn--primary" onClick={() => setStatus('resolved', 'Resolved')} title="Resolve (e)">
            <CheckIcon size={14} /> Resolve
          </button>
        </>
      )}
    </div>
  );
}

function SnoozeForm({ onSnooze }: { onSnooze(until: Date, label: string): void }) {
  const presets = snoozePresets(new Date());
  const [custom, setCustom] = useState(() => toLocalInputValue(presets[1]!.until));
  const customDate = new Date(custom);
  const valid = !Number.isNaN(customDate.getTime()) && customDate.getTime() > Date.now();
  return (
    <div className="snooze__body">
      <p className="snooze__title">Snooze until</p>
      {presets.map((p) => (
        <button key={p.label} className="menu__item" onClick={() => onSnooze(p.until, p.label)}>
          {p.label}
          <span className="muted">{p.until.toLocaleString(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' })}</span>
        </button>
      ))}
      <form
        className="snooze__custom"
        onSubmit={(e) => {
          e.preventDefault();
          if (valid) onSnooze(customDate, customDate.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }));
        }}
      >
        <label className="field">
          <span>Pick a date and time</span>
          <input type="datetime-local" value={custom} min={toLocalInputValue(new Date())} onChange={(e) => setCustom(e.target.value)} />
        </label>
        <button className="btn btn--primary btn--small" type="submit" disabled={!valid}>
          Snooze
        </button>
      </form>
    </div>
  );
}
