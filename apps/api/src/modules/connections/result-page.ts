// The page a client's Salesforce admin lands on after authorising: plain words, no scripts, no
// external resources, nothing from the query string echoed except an allow-listed error code.

const PAGES: Record<string, { title: string; body: string; ok: boolean }> = {
  connected: { ok: true, title: 'Connected', body: 'Your Salesforce org is now connected. You can close this window.' },
  denied: {
    ok: false,
    title: 'Access was not granted',
    body:
      'The request was declined in Salesforce, so nothing was connected. If that was a mistake, ask for a new ' +
      'link and choose Allow.',
  },
  expired: {
    ok: false,
    title: 'This link has expired',
    body: 'Connection links are valid for a short time only. Ask for a new link and use it right away.',
  },
  used: {
    ok: false,
    title: 'This link was already used',
    body: 'Each connection link works once. If the org is not connected yet, ask for a new link.',
  },
  invalid: {
    ok: false,
    title: 'This link is not valid',
    body: 'The link is incomplete or was not issued by us. Ask for a new one.',
  },
  wrong_org: {
    ok: false,
    title: 'That is a different Salesforce org',
    body:
      'You logged in to a different Salesforce org than the one this client was connected to before, so nothing ' +
      'was changed. Log in to the original org, or ask for the old connection to be removed first.',
  },
  failed: {
    ok: false,
    title: 'Salesforce did not complete the connection',
    body: 'Nothing was connected. Try again with a new link; if it keeps failing, send the code below to your contact.',
  },
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function renderResultPage(
  outcome: string | undefined,
  code: string | undefined,
): { status: number; html: string } {
  const page = PAGES[outcome ?? ''] ?? PAGES.invalid!;
  const safeCode = code && /^[A-Za-z0-9_.-]{1,80}$/.test(code) ? code : null;
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)} — sfdc-engine-x</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:34rem;margin:4rem auto;padding:0 1rem;color:#1b1f24}
h1{font-size:1.5rem;color:${page.ok ? '#1a7f37' : '#b42318'}}code{background:#f2f4f7;padding:.1rem .3rem;border-radius:4px}</style></head>
<body><h1 data-outcome="${escapeHtml(outcome ?? 'invalid')}">${escapeHtml(page.title)}</h1><p>${escapeHtml(page.body)}</p>${safeCode && !page.ok ? `<p>Code: <code>${escapeHtml(safeCode)}</code></p>` : ''}</body></html>`;
  return { status: page.ok ? 200 : 400, html };
}
