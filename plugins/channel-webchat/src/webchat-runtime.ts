import type { ChannelAdapter, Logger, PluginAttachments, PluginBus } from '@switchboard/plugin-sdk';
import type { WebchatConfig } from './webchat-config';
import type { WidgetRegistry } from './webchat-guard';
import type { MessageStore } from './webchat-message-store';
import type { RateLimiter } from './webchat-rate-limit';
import type { StreamHub } from './webchat-stream-hub';
import type { VisitorStore } from './webchat-visitor-store';

/**
 * Everything the plugin's routes and handlers share, built once in `setup`. Per-process parts
 * (the limiter, the stream hub) hold nothing another process needs.
 *
 * @example
 * ctx.http.route('/', createSessionRoutes(runtime));
 */
export type WebchatRuntime = {
  config: WebchatConfig;
  widgets: WidgetRegistry;
  /** Identity secrets by widget id: current first, previous second. */
  identitySecrets: ReadonlyMap<string, readonly string[]>;
  visitors: VisitorStore;
  messages: MessageStore;
  channel: ChannelAdapter;
  bus: PluginBus;
  attachments: PluginAttachments;
  limiter: RateLimiter;
  hub: StreamHub;
  logger: Logger;
  publicUrl: string;
  now: () => number;
};
