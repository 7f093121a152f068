// API versions: 31.0 (the oldest Salesforce still serves since versions 21–30 were retired) up to the
// current release. Version n is released in the season cycle Winter/Spring/Summer: 62.0 is Winter '25.
export const MIN_API_VERSION = 31;
export const DEFAULT_LATEST_API_VERSION = '68.0';

export function versionLabel(v: number): string {
  const k = v - 32;
  const season = ['Winter', 'Spring', 'Summer'][((k % 3) + 3) % 3];
  const year = 15 + Math.floor(k / 3);
  return `${season} '${String(year).padStart(2, '0')}`;
}

export function versionList(latest: string): Array<{ label: string; url: string; version: string }> {
  const out = [];
  for (let v = MIN_API_VERSION; v <= Number(latest); v++) {
    out.push({ label: versionLabel(v), url: `/services/data/v${v}.0`, version: `${v}.0` });
  }
  return out;
}

/** "62.0" for a path segment "v62.0" within the supported range, else undefined. */
export function parseVersion(segment: string, latest: string): string | undefined {
  const m = /^v(\d{2,3})\.0$/.exec(segment);
  if (!m) return undefined;
  const n = Number(m[1]);
  return n >= MIN_API_VERSION && n <= Number(latest) ? `${n}.0` : undefined;
}

/** GET /services/data/vXX.X: the resources available in this version. */
export function resourcesFor(version: string, idUrl: string): Record<string, string> {
  const base = `/services/data/v${version}`;
  // The resources of an org without optional features (Chatter/Connect, Wave, Commerce, IoT, …):
  // each one listed here answers (see rest-router.ts and ui-resources.ts), none is a 404.
  const names = [
    'tooling',
    'metadata',
    'tabs',
    'appMenu',
    'quickActions',
    'queryAll',
    'composite',
    'theme',
    'recent',
    'limits',
    'process',
    'query',
    'compactLayouts',
    'sobjects',
  ];
  const out: Record<string, string> = {};
  for (const n of names) out[n] = `${base}/${n}`;
  out.identity = idUrl;
  return out;
}
