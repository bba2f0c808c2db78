// Roles of API tokens and who a request acts as. viewer < editor < admin:
// viewer reads, editor also writes data and projects, admin also manages
// tokens, imports and sees the configuration and the audit log.
import { AppError } from '../domain/errors.js';

export const roles = ['viewer', 'editor', 'admin'] as const;
export type Role = (typeof roles)[number];

const rank: Record<Role, number> = { viewer: 1, editor: 2, admin: 3 };

export const roleNames: Record<Role, { zh: string; en: string }> = {
  viewer: { zh: '只读用户', en: 'viewer' },
  editor: { zh: '编辑', en: 'editor' },
  admin: { zh: '管理员', en: 'admin' },
};

/** Who a request acts as: a verified token, or nobody. */
export type Principal = { kind: 'anonymous' } | { kind: 'token'; tokenId: string; name: string; role: Role };

export const anonymous: Principal = { kind: 'anonymous' };

/** The name written to the audit log and to project history ("who"). */
export function actorName(p: Principal): string {
  return p.kind === 'token' ? p.name : 'anonymous';
}

export function hasRole(p: Principal, needed: Role): boolean {
  return p.kind === 'token' && rank[p.role] >= rank[needed];
}

/**
 * Throws UNAUTHENTICATED when there is no token and FORBIDDEN when the token's
 * role is too low. `publicRead` lets anonymous requests through for `viewer`.
 */
export function requireRole(p: Principal, needed: Role, publicRead = false): void {
  if (needed === 'viewer' && publicRead) return;
  if (p.kind === 'anonymous') {
    throw new AppError(
      'UNAUTHENTICATED',
      `需要${roleNames[needed].zh}及以上权限的 API 令牌(请求头 Authorization: Bearer …)`,
      `an API token with role ${needed} or higher is required (header Authorization: Bearer …)`,
    );
  }
  if (!hasRole(p, needed)) {
    throw new AppError(
      'FORBIDDEN',
      `令牌 ${p.name} 的角色为${roleNames[p.role].zh},此操作需要${roleNames[needed].zh}及以上`,
      `token ${p.name} has role ${p.role}; this needs ${needed} or higher`,
    );
  }
}
