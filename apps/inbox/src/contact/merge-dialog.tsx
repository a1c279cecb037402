import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Dialog } from 'radix-ui';
import { useEffect, useId, useState } from 'react';
import type { ApiError } from '../api/api-error';
import type { Contact } from '../api/api-types';
import { useSignedIn } from '../auth/session-context';
import { identityLabel } from '../lib/channel-label';
import { Avatar } from '../ui/badges';
import { DialogFrame } from '../ui/dialog-frame';
import { useToast } from '../ui/toast';

type Props = {
  open: boolean;
  onOpenChange(open: boolean): void;
  /** The contact that stays: the other one's identities and conversations move to it. */
  contact: Contact;
};

/**
 * "Merge with…": find the other contact (by name, phone, email… — `GET /contacts?q=`), see both
 * side by side with their identities, and confirm. The other contact's identities and
 * conversations move to this one; every open inbox updates from the `core.contact.merged.v1` event.
 *
 * @example
 * <MergeDialog open={open} onOpenChange={setOpen} contact={contact} />
 */
export function MergeDialog({ open, onOpenChange, contact }: Props) {
  const { api } = useSignedIn();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [otherId, setOtherId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const resultsId = useId();

  useEffect(() => {
    if (!open) return;
    setText('');
    setQ('');
    setOtherId(null);
    setError(null);
  }, [open]);
  useEffect(() => {
    const t = setTimeout(() => setQ(text.trim()), 250);
    return () => clearTimeout(t);
  }, [text]);

  const results = useQuery({
    queryKey: ['contact-search', q],
    queryFn: ({ signal }) => api.searchContacts(q, signal),
    enabled: open && q.length > 0,
    staleTime: 10_000,
  });
  const other = useQuery({
    queryKey: ['contact', otherId],
    queryFn: ({ signal }) => api.getContact(otherId!, signal),
    enabled: open && otherId !== null,
  });
  const candidates = (results.data?.items ?? []).filter((c) => c.id !== contact.id);

  async function merge() {
    if (!otherId) return;
    setBusy(true);
    setError(null);
    try {
      const result = await api.mergeContacts(contact.id, otherId);
      const moved = result.movedConversationIds.length;
      toast.show(`Merged into ${contact.name ?? 'this contact'}${moved ? ` — ${moved} ${moved === 1 ? 'conversation' : 'conversations'} moved` : ''}`);
      void queryClient.invalidateQueries({ queryKey: ['contact'] });
      onOpenChange(false);
    } catch (err) {
      setError((err as ApiError).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <DialogFrame open={open} onOpenChange={onOpenChange} title="Merge contacts" className="merge" description={<>Find the same person under another contact — on another channel, say. Their identities and conversations move to {contact.name ?? 'this contact'}.</>}>
      <label className="field">
        <span>Find a contact</span>
        <input type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder="Name, phone, email…" aria-controls={resultsId} autoComplete="off" />
      </label>
      <div id={resultsId} className="merge__results" role="radiogroup" aria-label="Matching contacts" aria-busy={results.isFetching}>
        {q && results.isSuccess && candidates.length === 0 && <p className="muted small">No other contact matches “{q}”.</p>}
        {results.isError && (
          <p className="small notice notice--error" role="alert">
            {(results.error as ApiError).message}
          </p>
        )}
        {candidates.map((c) => (
          <label key={c.id} className={`merge__result${otherId === c.id ? ' merge__result--chosen' : ''}`}>
            <input type="radio" name="merge-other" value={c.id} checked={otherId === c.id} onChange={() => setOtherId(c.id)} />
            <Avatar name={c.name} id={c.id} size={24} />
            <span>{c.name ?? 'Unknown contact'}</span>
            <span className="muted small">since {new Date(c.createdAt).toLocaleDateString(undefined, { dateStyle: 'medium' })}</span>
          </label>
        ))}
      </div>
      {otherId && (
        <div className="merge__compare" aria-label="The two contacts">
          <ContactCard title="Stays" contact={contact} />
          <span className="merge__arrow" aria-hidden="true">
            ←
          </span>
          {other.data ? <ContactCard title="Merged into it" contact={other.data} /> : <p className="muted small">{other.isError ? (other.error as ApiError).message : 'Loading…'}</p>}
        </div>
      )}
      {error && (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog__actions">
        <Dialog.Close asChild>
          <button type="button" className="btn btn--ghost">
            Cancel
          </button>
        </Dialog.Close>
        <button type="button" className="btn btn--primary" disabled={!other.data || busy} onClick={() => void merge()}>
          {busy ? 'Merging…' : other.data ? `Merge ${other.data.name ?? 'them'} into ${contact.name ?? 'this contact'}` : 'Merge'}
        </button>
      </div>
    </DialogFrame>
  );
}

function ContactCard({ title, contact }: { title: string; contact: Contact }) {
  return (
    <section className="merge__card" aria-label={`${title}: ${contact.name ?? 'Unknown contact'}`}>
      <p className="merge__role">{title}</p>
      <div className="merge__who">
        <Avatar name={contact.name} id={contact.id} size={28} />
        <strong>{contact.name ?? 'Unknown contact'}</strong>
      </div>
      {contact.identities.length ? (
        <dl className="kv">
          {contact.identities.map((i) => (
            <div key={`${i.type}:${i.value}`} className="kv__row">
              <dt>{identityLabel(i.type)}</dt>
              <dd>{i.value}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="muted small">No identities.</p>
      )}
      <p className="muted small">
        {contact.conversations.length} {contact.conversations.length === 1 ? 'conversation' : 'conversations'}
      </p>
    </section>
  );
}
