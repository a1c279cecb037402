import { DropdownMenu, Popover } from 'radix-ui';
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { ApiError } from '../api/api-error';
import type { ChangeResponse, ConversationDetail, Priority } from '../api/api-types';
import { PRIORITIES } from '../api/api-types';
import { useSignedIn } from '../auth/session-context';
import { useLabels, useTeams } from '../shell/directory';
import { useShortcut } from '../shortcuts/shortcuts';
import { LabelChip, PriorityBadge, priorityLabel } from '../ui/badges';
import { ChevronDownIcon, FlagIcon, TagIcon, UsersIcon, XIcon } from '../ui/icons';
import { useToast } from '../ui/toast';

type Props = {
  detail: ConversationDetail;
  /** Called with the conversation's seq after a change, so the view catches up at once. */
  onChanged(seq: number): void;
};

const LABEL_PATTERN = /^[a-z0-9 _-]{1,50}$/;
const MAX_LABELS = 20;

/**
 * Normalizes what an agent typed as a label the way the server stores it (trimmed, lower-case),
 * or null when it cannot be one.
 *
 * @example
 * normalizeLabel('  VIP '); // 'vip'
 */
export function normalizeLabel(text: string): string | null {
  const label = text.trim().toLowerCase().replace(/\s+/g, ' ');
  return LABEL_PATTERN.test(label) ? label : null;
}

/**
 * Team, priority and labels of the open conversation, each a picker with its shortcut
 * (`t`, `p`, `l`). Changes go to the server; the view updates from the resulting events.
 *
 * @example
 * <TriageBar detail={detail} onChanged={store.catchUp} />
 */
export function TriageBar({ detail, onChanged }: Props) {
  const { api } = useSignedIn();
  const toast = useToast();
  const { teams, byId: teamsById } = useTeams();
  const [teamOpen, setTeamOpen] = useState(false);
  const [priorityOpen, setPriorityOpen] = useState(false);
  const [labelsOpen, setLabelsOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  // Label edits are sent one after another, each with the whole set as the agent sees it, so two
  // quick additions never undo each other; the chips show the edit at once.
  const [localLabels, setLocalLabels] = useState<string[] | null>(null);
  const labelsChain = useRef<Promise<unknown>>(Promise.resolve());
  const labelsPending = useRef(0);
  const labels = localLabels ?? detail.labels;
  const serverLabels = detail.labels.join('\n');
  useEffect(() => {
    if (labelsPending.current === 0) setLocalLabels(null);
  }, [serverLabels]);

  async function run(action: () => Promise<ChangeResponse>, done: string | null): Promise<boolean> {
    setBusy(true);
    try {
      const result = await action();
      onChanged(result.seq);
      if (result.changed && done) toast.show(done);
      return true;
    } catch (err) {
      toast.show((err as ApiError).message, 'error');
      return false;
    } finally {
      setBusy(false);
    }
  }

  function saveLabels(next: string[], done: string | null) {
    setLocalLabels(next);
    labelsPending.current++;
    labelsChain.current = labelsChain.current.then(async () => {
      const ok = await run(() => api.setLabels(detail.id, next), done);
      labelsPending.current--;
      // Refused (a label the server does not take): show what the server has.
      if (!ok && labelsPending.current === 0) setLocalLabels(null);
    });
  }

  useShortcut('t', () => setTeamOpen(true));
  useShortcut('p', () => setPriorityOpen(true));
  useShortcut('l', () => setLabelsOpen(true));

  const team = detail.teamId ? teamsById.get(detail.teamId) : null;
  const teamName = detail.teamId ? (team?.name ?? 'A team') : 'No team';

  return (
    <div className="triage" role="group" aria-label="Triage" aria-busy={busy}>
      <DropdownMenu.Root open={teamOpen} onOpenChange={setTeamOpen}>
        <DropdownMenu.Trigger asChild>
          <button className="triage__btn" aria-label={`Team: ${teamName}. Change team`} title="Team (t)">
            <UsersIcon size={13} /> <span className={detail.teamId ? '' : 'muted'}>{teamName}</span> <ChevronDownIcon size={12} />
          </button>
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content className="menu" align="start" sideOffset={4}>
            <DropdownMenu.Label className="menu__label">Assign to team</DropdownMenu.Label>
            <DropdownMenu.RadioGroup
              value={detail.teamId ?? ''}
              onValueChange={(v) => {
                const next = v || null;
                const name = next ? (teamsById.get(next)?.name ?? 'the team') : null;
                void run(() => api.setTeam(detail.id, next), name ? `Moved to ${name}` : 'Team removed');
              }}
            >
              {teams.map((t) => (
                <DropdownMenu.RadioItem key={t.id} value={t.id} className="menu__item">
                  {t.name}
                  <span className="muted">
                    {t.agentIds.length} {t.agentIds.length === 1 ? 'member' : 'members'}
                  </span>
                </DropdownMenu.RadioItem>
              ))}
              {teams.length === 0 && <DropdownMenu.Label className="menu__label">No teams yet — an admin creates them in Settings.</DropdownMenu.Label>}
              <DropdownMenu.Separator className="menu__sep" />
              <DropdownMenu.RadioItem value="" className="menu__item">
                No team
              </DropdownMenu.RadioItem>
            </DropdownMenu.RadioGroup>
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>

      <DropdownMenu.Root open={priorityOpen} onOpenChange={setPriorityOpen}>
        <DropdownMenu.Trigger asChild>
          <button className="triage__btn" aria-label={`Priority: ${detail.priority ? priorityLabel(detail.priority as Priority) : 'none'}. Change priority`} title="Priority (p)">
            {detail.priority ? (
              <PriorityBadge priority={detail.priority} />
            ) : (
              <>
                <FlagIcon size={13} /> <span className="muted">No priority</span>
              </>
            )}
            <ChevronDownIcon size={12} />
          </button>
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content className="menu" align="start" sideOffset={4}>
            <DropdownMenu.Label className="menu__label">Priority</DropdownMenu.Label>
            <DropdownMenu.RadioGroup
              value={detail.priority ?? ''}
              onValueChange={(v) => void run(() => api.setPriority(detail.id, (v || null) as Priority | null), v ? `Priority set to ${priorityLabel(v as Priority).toLowerCase()}` : 'Priority cleared')}
            >
              {PRIORITIES.map((p) => (
                <DropdownMenu.RadioItem key={p} value={p} className="menu__item">
                  <PriorityBadge priority={p} />
                </DropdownMenu.RadioItem>
              ))}
              <DropdownMenu.Separator className="menu__sep" />
              <DropdownMenu.RadioItem value="" className="menu__item">
                No priority
              </DropdownMenu.RadioItem>
            </DropdownMenu.RadioGroup>
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>

      <Popover.Root open={labelsOpen} onOpenChange={setLabelsOpen}>
        <Popover.Trigger asChild>
          <button className="triage__btn triage__labels" aria-label={`Labels: ${labels.length ? labels.join(', ') : 'none'}. Edit labels`} title="Labels (l)">
            <TagIcon size={13} />
            {labels.length ? labels.map((l) => <LabelChip key={l} label={l} />) : <span className="muted">Add labels</span>}
          </button>
        </Popover.Trigger>
        <Popover.Portal>
          <Popover.Content className="popover labels-editor" align="start" sideOffset={4} aria-label="Labels">
            <LabelsEditor
              labels={labels}
              onChange={saveLabels}
            />
          </Popover.Content>
        </Popover.Portal>
      </Popover.Root>
    </div>
  );
}

/**
 * Add and remove labels: the current ones as removable chips, and a combobox that suggests the
 * labels in use (`GET /labels`) as you type; Enter adds the highlighted suggestion or what was
 * typed, Backspace in the empty box removes the last label.
 *
 * @example
 * <LabelsEditor labels={['vip']} onChange={(labels) => save(labels)} />
 */
export function LabelsEditor({ labels, onChange }: { labels: readonly string[]; onChange(labels: string[], done: string | null): void }) {
  const inUse = useLabels();
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const listId = useId();
  const typed = normalizeLabel(text);
  const options = useMemo(() => {
    const needle = text.trim().toLowerCase();
    const suggestions = inUse
      .map((l) => l.label)
      .filter((l) => !labels.includes(l) && (!needle || l.includes(needle)))
      .sort((a, b) => Number(!a.startsWith(needle)) - Number(!b.startsWith(needle)))
      .slice(0, 8)
      .map((l) => ({ label: l, create: false }));
    if (typed && !labels.includes(typed) && !suggestions.some((s) => s.label === typed)) suggestions.push({ label: typed, create: true });
    return suggestions;
  }, [inUse, labels, text, typed]);
  const full = labels.length >= MAX_LABELS;
  const current = options[Math.min(active, options.length - 1)];

  function add(label: string) {
    if (labels.includes(label) || full) return;
    onChange([...labels, label], `Label “${label}” added`);
    setText('');
    setActive(0);
    inputRef.current?.focus();
  }
  function remove(label: string) {
    onChange(
      labels.filter((l) => l !== label),
      `Label “${label}” removed`,
    );
    inputRef.current?.focus();
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (options.length) setActive((i) => (i + (e.key === 'ArrowDown' ? 1 : options.length - 1)) % options.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (current) add(current.label);
    } else if (e.key === 'Backspace' && !text && labels.length) {
      e.preventDefault();
      remove(labels[labels.length - 1]!);
    }
  }

  return (
    <div className="labels-editor__body">
      <p className="snooze__title">Labels</p>
      {labels.length > 0 ? (
        <ul className="labels-editor__current" aria-label="Current labels">
          {labels.map((l) => (
            <li key={l} className="chip chip--label chip--removable">
              {l}
              <button type="button" className="chip__remove" aria-label={`Remove label ${l}`} onClick={() => remove(l)}>
                <XIcon size={11} />
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">No labels yet.</p>
      )}
      <input
        ref={inputRef}
        className="labels-editor__input"
        role="combobox"
        aria-label="Add a label"
        aria-expanded={options.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={current ? `${listId}-${options.indexOf(current)}` : undefined}
        placeholder={full ? 'At most 20 labels' : 'Type to add a label…'}
        disabled={full}
        value={text}
        maxLength={50}
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      {text && !typed && <p className="small labels-editor__hint">Letters, digits, space, _ or - (up to 50).</p>}
      <ul id={listId} role="listbox" aria-label="Label suggestions" className="labels-editor__options">
        {options.map((o, i) => (
          <li
            key={o.label}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={o === current}
            className={`menu__item${o === current ? ' menu__item--active' : ''}`}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => add(o.label)}
          >
            {o.create ? (
              <>
                Create “{o.label}”
              </>
            ) : (
              <>
                {o.label}
                <span className="muted">{inUse.find((l) => l.label === o.label)?.count ?? ''}</span>
              </>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
