import type { WidgetConfig } from './webchat-config';

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch);
}

/**
 * The demo host page: a pretend shop that embeds the widget exactly as a customer's site would,
 * with the snippet to copy. Served at `/plugins/channel-webchat/demo` when `demo.enabled` is set,
 * so a newcomer sees the chat a minute after `npm start`.
 *
 * @example
 * c.html(demoPage(widget));
 */
export function demoPage(widget: WidgetConfig): string {
  const siteKey = escapeHtml(widget.siteKey);
  const snippet = escapeHtml(`<script async src="https://YOUR-SWITCHBOARD/plugins/channel-webchat/widget.js" data-site-key="${widget.siteKey}"></script>`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Switchboard web chat demo</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; color: #1b1f24; background: #f6f8fa; }
  header { background: #1b1f24; color: #fff; padding: 16px 24px; font-weight: 600; }
  main { max-width: 760px; margin: 32px auto; padding: 0 24px; }
  .card { background: #fff; border: 1px solid #d0d7de; border-radius: 12px; padding: 20px 24px; margin-bottom: 20px; }
  code, pre { font: 13px/1.45 ui-monospace, monospace; background: #f0f3f6; border-radius: 6px; }
  pre { padding: 12px; overflow-x: auto; white-space: pre-wrap; word-break: break-all; }
  code { padding: 1px 4px; }
</style>
</head>
<body>
<header>Acme Outdoor — demo shop</header>
<main>
  <div class="card">
    <h1>Web chat demo</h1>
    <p>This page embeds the chat widget <strong>${escapeHtml(widget.name)}</strong> (site key <code>${siteKey}</code>) the way a customer's site would.
    Open the bubble in the corner and write something.</p>
    <p>Then sign in to the agent inbox at <a href="/">/</a> in another tab: your message is there. Reply, and it shows up here live.</p>
  </div>
  <div class="card">
    <h2>Embed it on your site</h2>
    <p>Add your site's origin to <code>allowedOrigins</code> of the widget in <code>switchboard.config.yaml</code>, then paste:</p>
    <pre>${snippet}</pre>
  </div>
</main>
<script async src="/plugins/channel-webchat/widget.js" data-site-key="${siteKey}"></script>
</body>
</html>
`;
}
