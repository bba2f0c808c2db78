// POST /graphql with the page's editor token (if any); GraphQL errors become
// an ApiError carrying the server's stable code and its zh/en messages.
import type { Lang } from '../i18n.js';

export class ApiError extends Error {
  constructor(
    readonly code: string,
    readonly messageZh: string,
    readonly messageEn: string,
  ) {
    super(`${messageEn} (${code})`);
    this.name = 'ApiError';
  }

  text(lang: Lang): string {
    return lang === 'zh' ? this.messageZh : this.messageEn;
  }
}

const TOKEN_KEY = 'chain-atlas.token';

export function editorToken(): string | null {
  try {
    return localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function setEditorToken(token: string | null): void {
  try {
    if (token) localStorage.setItem(TOKEN_KEY, token);
    else localStorage.removeItem(TOKEN_KEY);
  } catch {
    // private mode: the token lives for this page only
  }
}

interface GraphQLErrorBody {
  message?: string;
  extensions?: { code?: string; messageZh?: string; messageEn?: string };
}

export async function gql<T>(query: string, variables: Record<string, unknown> = {}, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const token = editorToken();
  if (token) headers.authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }), ...(signal ? { signal } : {}) });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError('NETWORK', '无法连接服务器', 'cannot reach the server');
  }
  let body: { data?: T; errors?: GraphQLErrorBody[] };
  try {
    body = (await res.json()) as typeof body;
  } catch {
    throw new ApiError('HTTP_' + res.status, `服务器返回错误(${res.status})`, `server error (${res.status})`);
  }
  const err = body.errors?.[0];
  if (err || !body.data) {
    const x = err?.extensions ?? {};
    throw new ApiError(x.code ?? 'ERROR', x.messageZh ?? err?.message ?? '请求失败', x.messageEn ?? err?.message ?? 'request failed');
  }
  return body.data;
}
