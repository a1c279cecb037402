import { Dialog } from 'radix-ui';
import { useEffect, useState, type FormEvent } from 'react';
import type { Agent } from '../api/api-types';
import { Avatar } from '../ui/badges';
import { DialogFrame } from '../ui/dialog-frame';

const PRESENCE_ORDER = { online: 0, away: 1, offline: 2 } as const;

type Props = {
  open: boolean;
  onOpenChange(open: boolean): void;
  agents: readonly Agent[];
  /** Who has it now (not offered). */
  assigneeId: string | null;
  meId: string;
  /** Hands the conversation over; the note (trimmed, maybe empty) goes in as a private note. */
  onTransfer(agentId: string, note: string): Promise<void>;
};

/**
 * Transfer (`Shift+A`): pick another agent — online ones first, each with their presence — and
 * optionally leave them a private note with the context, so the customer never has to repeat it.
 *
 * @example
 * <TransferDialog open={open} onOpenChange={setOpen} agents={agents} assigneeId={detail.assigneeId} meId={me.id} onTransfer={transfer} />
 */
export function TransferDialog({ open, onOpenChange, agents, assigneeId, meId, onTransfer }: Props) {
  const [agentId, setAgentId] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const candidates = agents.filter((a) => a.id !== assigneeId).sort((a, b) => PRESENCE_ORDER[a.presence] - PRESENCE_ORDER[b.presence] || a.name.localeCompare(b.name));

  useEffect(() => {
    if (open) {
      setAgentId(null);
      setNote('');
    }
  }, [open]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!agentId) return;
    setBusy(true);
    try {
      await onTransfer(agentId, note.trim());
      onOpenChange(false);
    } finally {
      setBusy(false);
    }
  }

  const chosen = candidates.find((a) => a.id === agentId);
  return (
    <DialogFrame open={open} onOpenChange={onOpenChange} title="Transfer conversation" className="transfer" description="Hand it to another agent. A note tells them what they need to know — the customer does not see it.">
      <form className="form" onSubmit={(e) => void submit(e)}>
        <fieldset className="transfer__agents">
          <legend className="visually-hidden">Agent</legend>
          {candidates.length === 0 && <p className="muted small">There is nobody else to transfer to.</p>}
          {candidates.map((a) => (
            <label key={a.id} className={`transfer__agent${agentId === a.id ? ' transfer__agent--chosen' : ''}`}>
              <input type="radio" name="transfer-agent" value={a.id} checked={agentId === a.id} onChange={() => setAgentId(a.id)} />
              <Avatar name={a.name} id={a.id} size={24} />
              <span className="transfer__name">
                {a.name}
                {a.id === meId ? ' (you)' : ''}
              </span>
              <span className={`dot dot--${a.presence}`} aria-hidden="true" />
              <span className="muted small">{a.presence}</span>
            </label>
          ))}
        </fieldset>
        <label className="field">
          <span>Note for {chosen ? chosen.name : 'them'} (optional, private)</span>
          <textarea rows={3} value={note} maxLength={4000} onChange={(e) => setNote(e.target.value)} placeholder="What they need to know…" />
        </label>
        <div className="dialog__actions">
          <Dialog.Close asChild>
            <button type="button" className="btn btn--ghost">
              Cancel
            </button>
          </Dialog.Close>
          <button type="submit" className="btn btn--primary" disabled={!agentId || busy}>
            {busy ? 'Transferring…' : chosen ? `Transfer to ${chosen.name}` : 'Transfer'}
          </button>
        </div>
      </form>
    </DialogFrame>
  );
}
