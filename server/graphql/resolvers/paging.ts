// The page-size cap shared by every paged field: 1–100 (BAD_INPUT above).
import { AppError } from '../../domain/errors.js';

export const MAX_PAGE_SIZE = 100;

export function pageSize(value: number | null | undefined, name: string, fallback = 20): number {
  const n = value ?? fallback;
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE_SIZE) {
    throw new AppError('BAD_INPUT', `${name} 须为 1 到 ${MAX_PAGE_SIZE} 之间的整数`, `${name} must be an integer from 1 to ${MAX_PAGE_SIZE}`, [
      { path: name, messageZh: `须为 1 到 ${MAX_PAGE_SIZE} 之间的整数`, messageEn: `must be an integer from 1 to ${MAX_PAGE_SIZE}` },
    ]);
  }
  return n;
}
