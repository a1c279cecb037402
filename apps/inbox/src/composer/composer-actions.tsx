import type { Capabilities, ComposerActionInfo } from '../api/api-types';

/** The name of the window event a composer action button dispatches. */
export const COMPOSER_ACTION_EVENT = 'switchboard:composer-action';

/** What a `switchboard:composer-action` event carries. */
export type ComposerActionDetail = { plugin: string; id: string; conversationId: string };

/**
 * Announces a click on a plugin's composer action: a `CustomEvent('switchboard:composer-action')`
 * on `window` with `{ plugin, id, conversationId }`. The core gives these buttons no behaviour;
 * a plugin's UI (or an embedding page) listens and does the rest — the inbox's plugin UI hook.
 *
 * @example
 * window.addEventListener('switchboard:composer-action', (e) => openTemplates(e.detail.conversationId));
 */
export function dispatchComposerAction(detail: ComposerActionDetail, target: Pick<Window, 'dispatchEvent'> = window): boolean {
  return target.dispatchEvent(new CustomEvent<ComposerActionDetail>(COMPOSER_ACTION_EVENT, { detail }));
}

/**
 * Plugins' composer actions (`GET /capabilities`, only those of enabled, started plugins) as
 * buttons in the composer's actions slot.
 *
 * @example
 * <ComposerActions actions={capabilities.composerActions} conversationId={id} />
 */
export function ComposerActions({ actions, conversationId }: { actions: readonly ComposerActionInfo[]; conversationId: string }) {
  if (actions.length === 0) return null;
  return (
    <div className="composer-actions" role="group" aria-label="Plugin actions">
      {actions.map((a) => (
        <button
          key={`${a.plugin}:${a.id}`}
          type="button"
          className="btn btn--ghost btn--small"
          data-plugin={a.plugin}
          data-action={a.id}
          onClick={() => dispatchComposerAction({ plugin: a.plugin, id: a.id, conversationId })}
        >
          {a.label}
        </button>
      ))}
    </div>
  );
}

/**
 * The plugins' composer actions this conversation can use: the plugin is enabled and started,
 * and a channel plugin's actions (WhatsApp templates, say) only where the conversation runs on it.
 *
 * @example
 * availableComposerActions(capabilities, ['channel-whatsapp']);
 */
export function availableComposerActions(capabilities: Capabilities | undefined, channels: readonly string[]): ComposerActionInfo[] {
  if (!capabilities) return [];
  return capabilities.composerActions.filter((a) => {
    const plugin = capabilities.plugins.find((p) => p.id === a.plugin);
    if (!plugin || plugin.state !== 'started') return false;
    return plugin.kind !== 'channel' || channels.includes(plugin.id);
  });
}
