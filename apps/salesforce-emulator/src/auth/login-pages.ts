// The HTML of the login, consent and OAuth error pages. Element ids follow Salesforce's own pages
// (username, password with name "pw", Login; oaapprove/oadeny on "Allow Access?") so browser scripts
// written against Salesforce work here too. Every value is escaped.
const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;background:#f3f3f3;margin:0}
main{max-width:380px;margin:64px auto;background:#fff;border:1px solid #d8dde6;border-radius:4px;padding:24px}
h1{font-size:20px;margin:0 0 16px}label{display:block;font-size:13px;margin:12px 0 4px;color:#3e3e3c}
input[type=text],input[type=email],input[type=password]{width:100%;box-sizing:border-box;padding:8px;border:1px solid #c9c9c9;border-radius:4px}
button{margin-top:16px;padding:10px 16px;border:0;border-radius:4px;background:#0176d3;color:#fff;font-size:14px;cursor:pointer}
button.secondary{background:#fff;color:#0176d3;border:1px solid #c9c9c9}.error{color:#c23934;font-size:13px}.note{font-size:12px;color:#706e6b}`;

function page(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

function hidden(params: Record<string, string>): string {
  return Object.entries(params)
    .map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`)
    .join('');
}

export function loginPage(params: Record<string, string>, error?: string, username = ''): string {
  return page(
    'Login | Salesforce',
    `<h1>Log in to Salesforce (emulated)</h1>
${error ? `<p id="error" class="error" role="alert">${esc(error)}</p>` : ''}
<form id="login_form" method="POST" action="/services/oauth2/authorize">
${hidden(params)}<input type="hidden" name="action" value="login">
<label for="username">Username</label><input id="username" name="username" type="email" autocomplete="username" value="${esc(username)}" required>
<label for="password">Password</label><input id="password" name="pw" type="password" autocomplete="current-password" required>
<button id="Login" type="submit">Log In</button>
</form><p class="note">This is the local Salesforce emulator, not salesforce.com.</p>`,
  );
}

export function consentPage(appName: string, username: string, scopes: string[], pendingId: string): string {
  const items = scopes.map((s) => `<li>${esc(s)}</li>`).join('');
  return page(
    'Allow Access?',
    `<h1>Allow Access?</h1>
<p><strong>${esc(appName)}</strong> is asking to access your data as <strong>${esc(username)}</strong>:</p><ul id="scopes">${items}</ul>
<form id="consent_form" method="POST" action="/services/oauth2/authorize">
<input type="hidden" name="pending" value="${esc(pendingId)}">
<button id="oaapprove" name="action" value="allow" type="submit">Allow</button>
<button id="oadeny" class="secondary" name="action" value="deny" type="submit">Deny</button>
</form>`,
  );
}

export function errorPage(error: string, description: string): string {
  return page(
    'OAuth Error',
    `<h1>OAuth Error</h1><p>We can't authorize you because of an OAuth error.</p><p ` +
      `id="error">error=${esc(error)}</p><p id="error_description">error_description=${esc(description)}</p>`,
  );
}
