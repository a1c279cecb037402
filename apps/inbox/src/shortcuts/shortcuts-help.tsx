import { DialogFrame } from '../ui/dialog-frame';
import { SHORTCUTS } from './shortcuts';

/**
 * The help overlay listing every shortcut (`?`).
 *
 * @example
 * <ShortcutsHelp open={open} onOpenChange={setOpen} />
 */
export function ShortcutsHelp({ open, onOpenChange }: { open: boolean; onOpenChange(open: boolean): void }) {
  const groups = [...new Set(SHORTCUTS.map((s) => s.group))];
  return (
    <DialogFrame open={open} onOpenChange={onOpenChange} title="Keyboard shortcuts" description="Single keys work whenever you are not typing.">
      <div className="shortcuts">
        {groups.map((g) => (
          <section key={g} aria-label={g}>
            <h3>{g}</h3>
            <dl>
              {SHORTCUTS.filter((s) => s.group === g).map((s) => (
                <div key={s.keys} className="shortcuts__row">
                  <dt>
                    {s.keys.split('+').map((k) => (
                      <kbd key={k}>{k}</kbd>
                    ))}
                  </dt>
                  <dd>{s.description}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </DialogFrame>
  );
}
