// `Authorization: Bearer <token>` → who the request acts as. No header means
// anonymous; a header that is present but malformed, unknown or revoked is
// refused (UNAUTHENTICATED) rather than silently treated as anonymous.
import { AppError } from '../domain/errors.js';
import { anonymous, type Principal } from './roles.js';
import type { TokenStore } from './tokenStore.js';

export function principalFromHeader(header: string | undefined, tokens: TokenStore): Principal {
  if (header === undefined || header === '') return anonymous;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!m) {
    throw new AppError(
      'UNAUTHENTICATED',
      'Authorization 请求头格式应为 "Bearer <令牌>"',
      'the Authorization header must read "Bearer <token>"',
    );
  }
  const info = tokens.verify(m[1]!);
  if (!info) throw new AppError('UNAUTHENTICATED', 'API 令牌无效或已吊销', 'the API token is invalid or revoked');
  return { kind: 'token', tokenId: info.id, name: info.name, role: info.role };
}
