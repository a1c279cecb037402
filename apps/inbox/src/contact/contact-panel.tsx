import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'wouter';
import type { ConversationDetail } from '../api/api-types';
import { useSignedIn } from '../auth/session-context';
import { channelInfo, identityLabel } from '../lib/channel-label';
import { fullTime, shortAge } from '../lib/time-format';
import { useNow } from '../lib/use-now';
import { Avatar, ChannelBadge, StatusBadge } from '../ui/badges';
import { MergeIcon, XIcon } from '../ui/icons';
import { MergeDialog } from './merge-dialog';
import { MergeSuggestions } from './merge-suggestions';

/**
 * Who the customer is: name, verified identities on each channel, unverified details channels
 * reported (marked as such), contacts that may be the same person (merge or dismiss), the
 * channels of this conversation, attributes, and every other conversation of theirs on any
 * channel, one click away; "Merge with…" joins a second contact that is the same person.
 *
 * @example
 * <ContactPanel detail={detail} basePath="/mine" onClose={() => setOpen(false)} />
 */
export function ContactPanel({ detail, basePath, query = '', onClose }: { detail: ConversationDetail; basePath: string; query?: string; onClose?: () => void }) {
  const { api } = useSignedIn();
  const now = useNow();
  const [mergeOpen, setMergeOpen] = useState(false);
  const contactQuery = useQuery({
    queryKey: ['contact', detail.contactId],
    queryFn: ({ signal }) => api.getContact(detail.contactId, signal),
    // The detail's copy is only a start when it is the same contact (a merge may have moved it).
    initialData: detail.contact.id === detail.contactId ? detail.contact : undefined,
    staleTime: 15_000,
  });
  const contact = contactQuery.data ?? detail.contact;
  // A customer message may bring unverified details and attributes (and so suggestions): the
  // contact is asked again after each one that arrives while the panel shows it.
  const queryClient = useQueryClient();
  const seenInbound = useRef(detail.lastInboundAt);
  useEffect(() => {
    if (seenInbound.current === detail.lastInboundAt) return;
    seenInbound.current = detail.lastInboundAt;
    void queryClient.invalidateQueries({ queryKey: ['contact', detail.contactId] });
  }, [detail.lastInboundAt, detail.contactId, queryClient]);
  const others = contact.conversations.filter((c) => c.id !== detail.id);
  const attributes = Object.entries(contact.attributes ?? {});
  const details = contact.details ?? [];

  return (
    <aside className="contact" aria-label="Contact">
      <div className="contact__head">
        <Avatar name={contact.name} id={contact.id} size={44} />
        <div>
          <h2 className="contact__name">{contact.name ?? 'Unknown contact'}</h2>
          <p className="muted small">Customer since {new Date(contact.createdAt).toLocaleDateString(undefined, { dateStyle: 'medium' })}</p>
        </div>
        {onClose && (
          <button className="icon-btn contact__close" onClick={onClose} aria-label="Close contact details">
            <XIcon />
          </button>
        )}
      </div>

      <section className="contact__section" aria-labelledby="contact-identities">
        <h3 id="contact-identities">Identities</h3>
        {contact.identities.length === 0 ? (
          <p className="muted small">None recorded.</p>
        ) : (
          <dl className="kv">
            {contact.identities.map((i) => (
              <div key={`${i.type}:${i.value}`} className="kv__row">
                <dt>{identityLabel(i.type)}</dt>
                <dd title={`linked by ${i.evidence}`}>{i.value}</dd>
              </div>
            ))}
          </dl>
        )}
      </section>

      {details.length > 0 && (
        <section className="contact__section" aria-labelledby="contact-details">
          <h3 id="contact-details">Unverified details</h3>
          <dl className="kv">
            {details.map((d) => (
              <div key={`${d.type}:${d.value}`} className="kv__row">
                <dt>{identityLabel(d.type)}</dt>
                <dd title={`reported by ${channelInfo(d.source).label}, not verified`}>
                  {d.value} <span className="chip chip--unverified">unverified</span>
                </dd>
              </div>
            ))}
          </dl>
        </section>
      )}

      <MergeSuggestions contact={contact} />

      <section className="contact__section" aria-labelledby="contact-channels">
        <h3 id="contact-channels">Channels in this conversation</h3>
        <ul className="legs">
          {detail.legs.map((leg) => (
            <li key={leg.id} className="legs__item">
              <ChannelBadge channel={leg.channel} />
              <span className="legs__thread" title={`${channelInfo(leg.channel).label} thread ${leg.thread}`}>
                {leg.identity?.value ?? leg.thread}
              </span>
              <span className="muted small">since {shortAge(leg.createdAt, now)}</span>
            </li>
          ))}
        </ul>
      </section>

      {attributes.length > 0 && (
        <section className="contact__section" aria-labelledby="contact-attributes">
          <h3 id="contact-attributes">Attributes</h3>
          <dl className="kv">
            {attributes.map(([key, value]) => (
              <div key={key} className="kv__row">
                <dt>{key}</dt>
                <dd>{typeof value === 'string' ? value : JSON.stringify(value)}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}

      <section className="contact__section" aria-labelledby="contact-history">
        <h3 id="contact-history">Other conversations ({others.length})</h3>
        {others.length === 0 ? (
          <p className="muted small">This is their first conversation.</p>
        ) : (
          <ul className="history" aria-label="Other conversations of this contact">
            {others.map((c) => (
              <li key={c.id}>
                <Link className="history__item" href={`${basePath}/${c.id}${query}`} aria-label={`Earlier conversation, ${c.status}, ${fullTime(c.lastActivityAt)}: ${c.lastMessageText ?? 'no messages'}`}>
                  <span className="history__top">
                    <StatusBadge status={c.status} />
                    <time className="muted small" dateTime={c.lastActivityAt}>
                      {shortAge(c.lastActivityAt, now)}
                    </time>
                  </span>
                  <span className="history__preview">{c.lastMessageText ?? 'No messages'}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="contact__section" aria-label="Merge">
        <button type="button" className="btn btn--ghost btn--small" onClick={() => setMergeOpen(true)}>
          <MergeIcon size={14} /> Merge with…
        </button>
        <p className="muted small">Same person under another contact? Merge them so their whole history is here.</p>
        <MergeDialog open={mergeOpen} onOpenChange={setMergeOpen} contact={contact} />
      </section>
    </aside>
  );
}
