// Display names of well-known channel plugins. Any other channel shows its id without the
// `channel-` prefix. (`GET /capabilities` lists plugins without display names; take them from there once plugins declare one.)
const KNOWN: Record<string, { label: string; hue: number }> = {
  'channel-api': { label: 'API', hue: 250 },
  'channel-webchat': { label: 'Web chat', hue: 200 },
  webchat: { label: 'Web chat', hue: 200 },
  'channel-whatsapp': { label: 'WhatsApp', hue: 142 },
  'channel-whatsapp-cloud': { label: 'WhatsApp', hue: 142 },
  'channel-sms': { label: 'SMS', hue: 28 },
  'channel-twilio': { label: 'Twilio', hue: 352 },
  'channel-email': { label: 'Email', hue: 220 },
  'channel-telegram': { label: 'Telegram', hue: 200 },
  'channel-viber': { label: 'Viber', hue: 270 },
  'channel-messenger': { label: 'Messenger', hue: 230 },
  'click-to-call': { label: 'Call', hue: 340 },
};

/**
 * How a channel is named in the UI, and a hue for its badge.
 *
 * @example
 * channelInfo('channel-whatsapp'); // { label: 'WhatsApp', hue: 142 }
 * channelInfo('channel-acme');     // { label: 'Acme', hue: … }
 */
export function channelInfo(channel: string | null | undefined): { label: string; hue: number } {
  if (!channel) return { label: 'Internal', hue: 0 };
  const known = KNOWN[channel];
  if (known) return known;
  const name = channel.replace(/^channel-/, '').replace(/[-_]+/g, ' ');
  let hash = 0;
  for (const ch of channel) hash = (hash * 31 + ch.charCodeAt(0)) % 360;
  return { label: name.charAt(0).toUpperCase() + name.slice(1), hue: hash };
}

/**
 * The label of an identity type: `phone` → `Phone`, `api_user` → `API user`.
 *
 * @example
 * identityLabel('messenger_psid'); // 'Messenger'
 */
export function identityLabel(type: string): string {
  const known: Record<string, string> = {
    phone: 'Phone',
    whatsapp: 'WhatsApp',
    whatsapp_user: 'WhatsApp user',
    email: 'Email',
    instagram_igsid: 'Instagram',
    messenger_psid: 'Messenger',
    telegram_chat: 'Telegram',
    viber_user: 'Viber',
    web_visitor: 'Web visitor',
    api_user: 'API user',
  };
  return known[type] ?? type.replace(/[_-]+/g, ' ');
}
