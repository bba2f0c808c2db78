// The CJK font embedded in exported PDFs: Noto Sans SC (SIL Open Font
// License) from the @expo-google-fonts/noto-sans-sc package. pdfkit embeds
// only the glyphs a document uses, so a map PDF stays small although each TTF
// is about 10 MB.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const cjkFontFiles = {
  regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
} as const;

const cache = new Map<string, Buffer>();

/** Font bytes, read once per process. */
export function cjkFont(weight: keyof typeof cjkFontFiles): Buffer {
  let bytes = cache.get(weight);
  if (!bytes) {
    bytes = readFileSync(require.resolve(cjkFontFiles[weight]));
    cache.set(weight, bytes);
  }
  return bytes;
}
