import type { WidgetConfig } from './webchat-config';
import { availabilityAt, type Availability } from './webchat-hours';

/** A widget's public settings as the loader and the chat app get them (PROTOCOL.md §3.1). */
export type PublicWidget = ReturnType<typeof publicWidget>;

/**
 * The public part of a widget's config, in the protocol's snake_case. No secrets, no limits the
 * visitor does not need.
 *
 * @example
 * c.json({ widget: publicWidget(widget), availability: availabilityAt(widget, new Date()) });
 */
export function publicWidget(widget: WidgetConfig) {
  return {
    site_key: widget.siteKey,
    name: widget.name,
    locale: widget.locale,
    colors: { primary: widget.colors.primary, on_primary: widget.colors.onPrimary },
    position: widget.position,
    launcher_text: widget.launcherText,
    greeting: widget.greeting,
    offline_greeting: widget.offlineGreeting,
    pre_chat: {
      mode: widget.preChat.mode,
      fields: { name: widget.preChat.name, email: widget.preChat.email, consent: widget.preChat.consent },
      consent_text: widget.preChat.consentText,
    },
    proactive: widget.proactive.map((rule) => ({
      id: rule.id,
      url_pattern: rule.urlPattern,
      after_seconds: rule.afterSeconds,
      returning_visitor: rule.returningVisitor,
      message: rule.message,
    })),
    csat: { enabled: widget.csat.enabled },
    notifications: { sound: widget.notifications.sound, browser: widget.notifications.browser },
    attachments: { enabled: widget.attachments.enabled, max_bytes: widget.attachments.maxBytes, types: [...widget.attachments.types] },
    identity: { required: widget.identity.required },
  };
}

/**
 * The widget and its availability right now: what `GET /v1/widgets/{site_key}` answers and what
 * every session answer repeats.
 *
 * @example
 * const view = widgetView(widget, new Date());
 */
export function widgetView(widget: WidgetConfig, now: Date): { widget: PublicWidget; availability: Availability } {
  return { widget: publicWidget(widget), availability: availabilityAt(widget, now) };
}
