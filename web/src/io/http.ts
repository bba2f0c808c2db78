// Plain-HTTP calls of the dashboard and import pages (GET /plan/progress,
// POST /import, the template and map downloads), with the page's API token.
//
// The token typed on the import page lives in sessionStorage (this tab only:
// import rights are admin rights by default). Otherwise the explorer's editor
// token (api/graphql.ts, localStorage) is used, so one sign-in serves all pages.
import { ApiError, editorToken } from '../api/graphql.js';

const SESSION_TOKEN_KEY = 'chain-atlas.session-token';

export function sessionToken(): string | null {
  try {
    return sessionStorage.getItem(SESSION_TOKEN_KEY);
  } catch {
    return null;
  }
}

export function setSessionToken(token: string | null): void {
  try {
    if (token) sessionStorage.setItem(SESSION_TOKEN_KEY, token);
    else sessionStorage.removeItem(SESSION_TOKEN_KEY);
  } catch {
    // storage disabled: the token is not remembered
  }
}

/** The token requests carry: this tab's, else the explorer's editor token. */
export function currentToken(): string | null {
  return sessionToken() ?? editorToken();
}

export function authHeaders(extra: Record<string, string> = {}): Record<string, string> {
  const token = currentToken();
  return token ? { ...extra, authorization: `Bearer ${token}` } : extra;
}

async function errorOf(res: Response): Promise<ApiError> {
  try {
    type Coded = { code?: string; messageZh?: string; messageEn?: string };
    // Plain routes answer { code, messageZh, messageEn }; GraphQL { errors: [{ extensions }] }.
    const body = (await res.json()) as Coded & { errors?: { extensions?: Coded }[] };
    const x = body.code ? body : body.errors?.[0]?.extensions;
    if (x?.code) return new ApiError(x.code, x.messageZh ?? x.code, x.messageEn ?? x.code);
  } catch {
    // not JSON
  }
  return new ApiError(`HTTP_${res.status}`, `服务器返回错误(${res.status})`, `server error (${res.status})`);
}

async function send(url: string, init: RequestInit): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError('NETWORK', '无法连接服务器', 'cannot reach the server');
  }
  if (!res.ok) throw await errorOf(res);
  return res;
}

export async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const res = await send(url, { headers: authHeaders(), ...(signal ? { signal } : {}) });
  return (await res.json()) as T;
}

export async function postFile<T>(url: string, file: Blob): Promise<T> {
  const res = await send(url, { method: 'POST', headers: authHeaders({ 'content-type': 'application/octet-stream' }), body: file });
  return (await res.json()) as T;
}

/** The file name of a Content-Disposition header (RFC 6266 filename* preferred). */
export function filenameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // malformed: use the plain name
    }
  }
  return /filename="([^"]+)"/i.exec(disposition)?.[1] ?? fallback;
}

/**
 * Downloads a file route. Without a token a plain navigation is enough (and lets
 * the browser show its own progress); with one, the bytes are fetched with the
 * Authorization header and saved from a blob.
 */
export async function downloadRoute(url: string, fallbackName: string): Promise<void> {
  const a = document.createElement('a');
  a.style.display = 'none';
  if (!currentToken()) {
    a.href = url;
    a.download = '';
  } else {
    const res = await send(url, { headers: authHeaders() });
    a.href = URL.createObjectURL(await res.blob());
    a.download = filenameOf(res.headers.get('content-disposition'), fallbackName);
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  }
  document.body.append(a);
  a.click();
  a.remove();
}

/** Who the current token is (GraphQL `viewer`); null when the server cannot say. */
export interface Viewer {
  authenticated: boolean;
  name: string | null;
  role: 'VIEWER' | 'EDITOR' | 'ADMIN' | null;
}

export async function fetchViewer(): Promise<Viewer> {
  const res = await send('/graphql', {
    method: 'POST',
    headers: authHeaders({ 'content-type': 'application/json' }),
    body: JSON.stringify({ query: '{ viewer { authenticated name role } }' }),
  });
  const body = (await res.json()) as { data?: { viewer: Viewer }; errors?: { message?: string; extensions?: { code?: string; messageZh?: string; messageEn?: string } }[] };
  const err = body.errors?.[0];
  if (err || !body.data) {
    const x = err?.extensions ?? {};
    throw new ApiError(x.code ?? 'ERROR', x.messageZh ?? err?.message ?? '请求失败', x.messageEn ?? err?.message ?? 'request failed');
  }
  return body.data.viewer;
}
