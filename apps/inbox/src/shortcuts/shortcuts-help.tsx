import { Dialog } from 'radix-ui';
import { XIcon } from '../ui/icons';
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
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="overlay" />
        <Dialog.Content className="dialog">
          <div className="dialog__head">
            <Dialog.Title>Keyboard shortcuts</Dialog.Title>
            <Dialog.Close asChild>
              <button className="icon-btn" aria-label="Close">
                <XIcon />
              </button>
            </Dialog.Close>
          </div>
          <Dialog.Description className="muted small">Single keys work whenever you are not typing.</Dialog.Description>
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
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
