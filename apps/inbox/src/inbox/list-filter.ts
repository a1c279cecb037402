import type { ConversationSort, ConversationStatus, Priority } from '../api/api-types';
import { PRIORITIES } from '../api/api-types';
import type { ConversationQuery } from '../api/switchboard-api';

/** The three inbox views. */
export type InboxView = 'mine' | 'unassigned' | 'all';
export const INBOX_VIEWS: readonly InboxView[] = ['mine', 'unassigned', 'all'];

/**
 * What a list shows. The view is in the path (`/mine`), everything else in the query string, so a
 * filtered view is a link: `/all?q=refund&team=01J…&label=vip&priority=urgent&sort=waiting`.
 * `status` undefined means every status (`?status=any`); open is the default.
 */
export type ListFilter = {
  view: InboxView;
  status?: ConversationStatus | undefined;
  /** Full-text search over messages, contact names and identities. */
  q?: string | undefined;
  teamId?: string | undefined;
  label?: string | undefined;
  priority?: Priority | undefined;
  channel?: string | undefined;
  /** A specific agent's conversations; only in the All view (Mine and Unassigned fix the assignee). */
  assigneeId?: string | undefined;
  sort: ConversationSort;
};

const STATUSES: ReadonlySet<string> = new Set(['open', 'pending', 'snoozed', 'resolved']);
const SORTS: ReadonlySet<string> = new Set(['activity', 'waiting']);
const LABEL = /^[a-z0-9 _-]{1,50}$/;
const ID = /^[^\s/?#]{1,128}$/;

/**
 * The filter a URL describes; unknown or malformed values fall back to the defaults (open, latest
 * activity first), so an old or hand-edited link still opens something sensible.
 *
 * @example
 * filterFromUrl('all', '?q=refund&priority=urgent'); // { view: 'all', status: 'open', q: 'refund', priority: 'urgent', sort: 'activity' }
 */
export function filterFromUrl(view: InboxView, search: string): ListFilter {
  const params = new URLSearchParams(search);
  const status = params.get('status');
  const q = params.get('q')?.trim().slice(0, 200);
  const label = params.get('label')?.trim().toLowerCase();
  const priority = params.get('priority');
  const sort = params.get('sort');
  const team = params.get('team');
  const channel = params.get('channel');
  const assignee = params.get('assignee');
  return {
    view,
    status: status === 'any' ? undefined : status && STATUSES.has(status) ? (status as ConversationStatus) : 'open',
    q: q || undefined,
    teamId: team && ID.test(team) ? team : undefined,
    label: label && LABEL.test(label) ? label : undefined,
    priority: priority && (PRIORITIES as readonly string[]).includes(priority) ? (priority as Priority) : undefined,
    channel: channel && /^[a-z][a-z0-9-]*$/.test(channel) ? channel : undefined,
    assigneeId: view === 'all' && assignee && ID.test(assignee) ? assignee : undefined,
    sort: sort && SORTS.has(sort) ? (sort as ConversationSort) : 'activity',
  };
}

/**
 * The query string of a filter (`?…`, or '' for the defaults), in a stable order so the same view
 * always has the same URL. The view itself goes in the path.
 *
 * @example
 * filterToSearch({ view: 'mine', status: 'open', sort: 'waiting' }); // '?sort=waiting'
 */
export function filterToSearch(filter: ListFilter): string {
  const params = new URLSearchParams();
  if (filter.status !== 'open') params.set('status', filter.status ?? 'any');
  if (filter.q) params.set('q', filter.q);
  if (filter.teamId) params.set('team', filter.teamId);
  if (filter.label) params.set('label', filter.label);
  if (filter.priority) params.set('priority', filter.priority);
  if (filter.channel) params.set('channel', filter.channel);
  if (filter.view === 'all' && filter.assigneeId) params.set('assignee', filter.assigneeId);
  if (filter.sort !== 'activity') params.set('sort', filter.sort);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * The `GET /conversations` parameters of a filter.
 *
 * @example
 * filterToQuery({ view: 'mine', status: 'open', sort: 'activity' }); // { assignee: 'me', status: 'open', sort: 'activity' }
 */
export function filterToQuery(filter: ListFilter): ConversationQuery {
  return {
    status: filter.status,
    assignee: filter.view === 'mine' ? 'me' : filter.view === 'unassigned' ? 'unassigned' : filter.assigneeId,
    q: filter.q,
    teamId: filter.teamId,
    label: filter.label,
    priority: filter.priority,
    channel: filter.channel,
    sort: filter.sort,
  };
}

/**
 * How many filters beyond the view and status narrow the list (search included), for "Clear".
 *
 * @example
 * narrowingCount({ view: 'all', status: 'open', label: 'vip', sort: 'activity' }); // 1
 */
export function narrowingCount(filter: ListFilter): number {
  return [filter.q, filter.teamId, filter.label, filter.priority, filter.channel, filter.view === 'all' ? filter.assigneeId : undefined].filter(Boolean).length;
}

/**
 * A key that is equal for equal filters (to recreate a list only when the filter really changed).
 *
 * @example
 * filterKey(filter); // 'all?q=refund'
 */
export function filterKey(filter: ListFilter): string {
  return filter.view + filterToSearch(filter);
}
