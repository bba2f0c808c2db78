// 统一社会信用代码 (Unified Social Credit Code), GB 32100-2015.
// 18 characters: 1 registration authority, 1 entity type, 6 administrative
// division digits, 9 organisation code characters, 1 check character.
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'; // 31 characters: no I, O, S, V, Z
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character for the first 17 characters, or null if one is outside the charset. */
export function usccCheckCharacter(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CHARSET.indexOf(first17[i]!);
    if (value < 0) return null;
    sum += value * WEIGHTS[i]!;
  }
  const check = (31 - (sum % 31)) % 31;
  return CHARSET[check]!;
}

/** Character code (ASCII) → its value in CHARSET, or -1. */
const VALUE_OF = new Int8Array(128).fill(-1);
for (let i = 0; i < CHARSET.length; i++) VALUE_OF[CHARSET.charCodeAt(i)] = i;

/**
 * 18 characters of the charset, positions 3–8 (the administrative division)
 * digits, and the right check character. One pass over the character codes:
 * it runs several times per row of a 100,000-row import (the importer, the
 * Firm schema), where a regular expression plus usccCheckCharacter cost ~1 µs.
 */
export function isValidUscc(code: string): boolean {
  if (code.length !== 18) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const c = code.charCodeAt(i);
    const value = c < 128 ? VALUE_OF[c]! : -1;
    if (value < 0 || (i >= 2 && i < 8 && value > 9)) return false;
    sum += value * WEIGHTS[i]!;
  }
  return code.charCodeAt(17) === CHARSET.charCodeAt((31 - (sum % 31)) % 31);
}
