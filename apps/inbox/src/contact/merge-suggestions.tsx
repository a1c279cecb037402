import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ApiError } from '../api/api-error';
import type { Contact, MergeSuggestion } from '../api/api-types';
import { useSignedIn } from '../auth/session-context';
import { channelInfo, identityLabel } from '../lib/channel-label';
import { Avatar } from '../ui/badges';
import { useToast } from '../ui/toast';

/**
 * "Possibly the same person": contacts whose identity is an unverified detail of this one (or the
 * other way round), from `GET /contacts/:id/suggestions`, each with why and two buttons — Merge
 * (the other contact moves into this one, `POST /contacts/:id/merge`) and Dismiss (never suggested
 * again). Nothing shows when there is nothing to suggest.
 *
 * @example
 * <MergeSuggestions contact={contact} />
 */
export function MergeSuggestions({ contact }: { contact: Contact }) {
  const { api } = useSignedIn();
  const queryClient = useQueryClient();
  const suggestions = useQuery({
    queryKey: ['contact', contact.id, 'suggestions'],
    queryFn: ({ signal }) => api.mergeSuggestions(contact.id, signal),
    staleTime: 15_000,
  });
  const items = suggestions.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section className="contact__section" aria-labelledby="contact-suggestions">
      <h3 id="contact-suggestions">Possibly the same person</h3>
      <ul className="suggestions">
        {items.map((s) => (
          <SuggestionItem key={s.contact.id} contact={contact} suggestion={s} onDone={() => void queryClient.invalidateQueries({ queryKey: ['contact'] })} />
        ))}
      </ul>
    </section>
  );
}

function SuggestionItem({ contact, suggestion, onDone }: { contact: Contact; suggestion: MergeSuggestion; onDone(): void }) {
  const { api } = useSignedIn();
  const toast = useToast();
  const [busy, setBusy] = useState<'merge' | 'dismiss' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const other = suggestion.contact;
  const otherName = other.name ?? 'Unknown contact';

  async function run(action: 'merge' | 'dismiss') {
    setBusy(action);
    setError(null);
    try {
      if (action === 'merge') {
        const result = await api.mergeContacts(contact.id, other.id);
        const moved = result.movedConversationIds.length;
        toast.show(`Merged ${otherName} into ${contact.name ?? 'this contact'}${moved ? ` — ${moved} ${moved === 1 ? 'conversation' : 'conversations'} moved` : ''}`);
      } else {
        await api.dismissSuggestion(contact.id, other.id);
      }
      onDone();
    } catch (err) {
      setError((err as ApiError).message);
    } finally {
      setBusy(null);
    }
  }

  return (
    <li className="suggestion" aria-label={`Possibly the same person: ${otherName}`}>
      <div className="suggestion__who">
        <Avatar name={other.name} id={other.id} size={24} />
        <strong>{otherName}</strong>
        <span className="muted small">{other.identities.map((i) => `${identityLabel(i.type)} ${i.value}`).join(' · ')}</span>
      </div>
      <ul className="suggestion__reasons">
        {suggestion.reasons.map((r) => (
          <li key={`${r.detailOf}:${r.type}:${r.value}`} className="small">
            {r.detailOf === 'this'
              ? `${identityLabel(r.type)} ${r.value} (unverified, from ${channelInfo(r.source).label}) is their identity`
              : `Their unverified ${identityLabel(r.type).toLowerCase()} ${r.value} (from ${channelInfo(r.source).label}) is this contact's identity`}
          </li>
        ))}
      </ul>
      {error && (
        <p className="small notice notice--error" role="alert">
          {error}
        </p>
      )}
      <div className="suggestion__actions">
        <button type="button" className="btn btn--small btn--primary" disabled={busy !== null} onClick={() => void run('merge')} aria-label={`Merge ${otherName} into this contact`}>
          {busy === 'merge' ? 'Merging…' : 'Merge'}
        </button>
        <button type="button" className="btn btn--small btn--ghost" disabled={busy !== null} onClick={() => void run('dismiss')} aria-label={`Dismiss: ${otherName} is someone else`}>
          {busy === 'dismiss' ? 'Dismissing…' : 'Dismiss'}
        </button>
      </div>
    </li>
  );
}
