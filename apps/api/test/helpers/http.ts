import type { TestApp } from './test-app.ts';

export interface Res<T = any> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | number | undefined>;
  raw: string;
}

/** POST a JSON body (or raw string) through app.inject, with an optional bearer credential. */
export async function post<T = any>(
  t: TestApp,
  url: string,
  body: unknown,
  bearer?: string | null,
  headers: Record<string, string> = {},
  remoteAddress?: string,
): Promise<Res<T>> {
  const res = await t.app.inject({
    method: 'POST',
    url,
    ...(remoteAddress ? { remoteAddress } : {}),
    payload: typeof body === 'string' ? body : JSON.stringify(body),
    headers: {
      'content-type': 'application/json',
      ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
      ...headers,
    },
  });
  return { status: res.statusCode, body: safeJson(res.body), headers: res.headers, raw: res.body };
}

export async function get<T = any>(t: TestApp, url: string, bearer?: string | null): Promise<Res<T>> {
  const res = await t.app.inject({ method: 'GET', url, headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });
  return { status: res.statusCode, body: safeJson(res.body), headers: res.headers, raw: res.body };
}

function safeJson(text: string): any {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
