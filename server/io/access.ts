// Who may import (issue 5: imports are admin work; issue 7: editors use the web
// import page): a dry run writes nothing and needs an editor; a real import
// needs IMPORT_ROLE (admin by default, editor when the district lets editors
// commit). One rule for POST /import and GraphQL importFile.
import { requireRole, type Principal, type Role } from '../auth/roles.js';
import type { AccessConfig } from '../config.js';

/** The least role any import request needs (checked before the file is read). */
export const IMPORT_MIN_ROLE: Role = 'editor';

export function importRoleNeeded(dryRun: boolean, access: AccessConfig): Role {
  return dryRun ? IMPORT_MIN_ROLE : access.importRole;
}

/** Throws UNAUTHENTICATED / FORBIDDEN unless `principal` may run this import. */
export function checkImportAccess(principal: Principal, dryRun: boolean, access: AccessConfig): void {
  requireRole(principal, importRoleNeeded(dryRun, access));
}
