import { Dialog } from 'radix-ui';
import type { ReactNode } from 'react';
import { XIcon } from './icons';

/**
 * The frame every inbox dialog shares: overlay, title with a close button, a short description,
 * then the dialog's own content. Radix handles focus trapping, Escape and returning focus.
 *
 * @example
 * <DialogFrame open={open} onOpenChange={setOpen} title="Transfer conversation" description="Hand it to another agent.">
 *   <form>…</form>
 * </DialogFrame>
 */
export function DialogFrame({
  open,
  onOpenChange,
  title,
  description,
  className,
  children,
}: {
  open: boolean;
  onOpenChange(open: boolean): void;
  title: ReactNode;
  description: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="overlay" />
        <Dialog.Content className={className ? `dialog ${className}` : 'dialog'}>
          <div className="dialog__head">
            <Dialog.Title>{title}</Dialog.Title>
            <Dialog.Close asChild>
              <button className="icon-btn" aria-label="Close">
                <XIcon />
              </button>
            </Dialog.Close>
          </div>
          <Dialog.Description className="muted small">{description}</Dialog.Description>
          {children}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
