import type { TypingStore } from './typing-store';
import { useTypers } from './typing-store';
import { typingLabel } from './typing-state';

/**
 * "Sam is typing…" under the timeline while someone else (a colleague, later the customer) types
 * in this conversation; gone when they send, stop, or their signal runs out (~6 s).
 *
 * @example
 * <TypingIndicator store={typing} conversationId={id} contactName={name} />
 */
export function TypingIndicator({ store, conversationId, contactName }: { store: TypingStore; conversationId: string; contactName: string | null }) {
  const typers = useTypers(store, conversationId);
  const label = typingLabel(typers, contactName);
  return (
    <div className="typing" role="status" aria-live="polite">
      {label && (
        <>
          <span className="typing__dots" aria-hidden="true">
            <span />
            <span />
            <span />
          </span>
          {label}
        </>
      )}
    </div>
  );
}
