import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { WebchatConfigSchema } from './webchat-config';
import { publicWidget } from './webchat-widget-view';

const widget = { id: 'main', siteKey: 'wk_3yB7kP2qR9sX5vN1', allowedOrigins: ['https://Shop.example.com'] };

function issues(options: unknown): string[] {
  const result = v.safeParse(WebchatConfigSchema, options);
  return result.success ? [] : result.issues.map((i) => `${v.getDotPath(i) ?? ''}: ${i.message}`);
}

describe('channel-webchat options', () => {
  it('fills every default from the smallest widget', () => {
    const config = v.parse(WebchatConfigSchema, { widgets: [widget] });
    expect(config.trustProxy).toBe(false);
    expect(config.demo).toEqual({ enabled: false, widget: null });
    expect(config.widgets[0]).toMatchObject({
      name: 'Web chat',
      allowedOrigins: ['https://shop.example.com'],
      locale: 'en',
      colors: { primary: '#1f6feb', onPrimary: '#ffffff' },
      position: 'bottom-right',
      launcherText: null,
      businessHours: null,
      preChat: { mode: 'off', name: 'off', email: 'off', consent: 'off', consentText: null },
      proactive: [],
      csat: { enabled: true },
      notifications: { sound: true, browser: false },
      attachments: { enabled: true, maxBytes: 10 * 1024 * 1024 },
      identity: { required: false, namespace: null },
      sessionTtlSeconds: 30 * 24 * 3600,
      maxTextLength: 5000,
      rateLimits: { windowSeconds: 60, sessionsPerIp: 60, requestsPerIp: 600, requestsPerVisitor: 240, messagesPerVisitor: 30 },
    });
  });

  it('names each mistake with its path', () => {
    expect(issues({})).toEqual(['widgets: widgets is required: list at least one widget with id, siteKey and allowedOrigins']);
    expect(
      issues({
        widgets: [
          {
            ...widget,
            allowedOrigins: ['https://shop.example.com/path'],
            locale: 'de',
            colors: { primary: 'blue' },
            businessHours: { timezone: 'Mars/Olympus', weekly: [{ days: ['mon'], from: '18:00', to: '09:00' }] },
          },
        ],
      }),
    ).toEqual([
      'widgets.0.allowedOrigins.0: an allowed origin is scheme://host[:port] without a path, e.g. https://shop.example.com or https://*.example.com (or * for any)',
      'widgets.0.locale: widgets[].locale must be one of en, pl, ru, ro',
      'widgets.0.colors.primary: colors.primary must be a colour like #1f6feb',
      'widgets.0.businessHours.timezone: businessHours.timezone is not a time zone this server knows (IANA name like "Europe/Warsaw")',
      'widgets.0.businessHours.weekly.0: from must be before to (a range ends the same day; split overnight hours in two)',
    ]);
  });

  it('takes the notifications of each widget, each switch on its own, and refuses anything but true or false', () => {
    const config = v.parse(WebchatConfigSchema, { widgets: [{ ...widget, notifications: { browser: true } }, { ...widget, id: 'quiet', siteKey: 'wk_quiet_000001', notifications: { sound: false } }] });
    expect(config.widgets.map((w) => w.notifications)).toEqual([
      { sound: true, browser: true },
      { sound: false, browser: false },
    ]);
    expect(publicWidget(config.widgets[0]!).notifications).toEqual({ sound: true, browser: true });
    expect(issues({ widgets: [{ ...widget, notifications: { sound: 'yes', browser: 1 } }] })).toEqual([
      'widgets.0.notifications.sound: notifications.sound must be true or false',
      'widgets.0.notifications.browser: notifications.browser must be true or false',
    ]);
  });

  it('refuses duplicate widget ids and site keys, and a demo naming no widget', () => {
    expect(issues({ widgets: [widget, widget] })).toEqual([': widgets[].id must be unique', ': widgets[].siteKey must be unique']);
    expect(issues({ widgets: [widget], demo: { enabled: true, widget: 'shop' } })).toEqual([': demo.widget must be the id of one of the widgets']);
  });
});
