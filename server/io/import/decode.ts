// Bytes of a CSV file → text. Chinese offices produce both UTF-8 (with or
// without the BOM Excel writes) and GBK/GB18030 (Excel's "CSV" on a Chinese
// Windows). A file that is valid UTF-8 is UTF-8; anything else is read as
// GB18030 (a superset of GBK and GB2312); text that still decodes to
// replacement or control characters is refused rather than imported as 乱码.
import iconv from 'iconv-lite';

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030';

export type DecodeResult = { ok: true; text: string; encoding: TextEncoding } | { ok: false; reason: 'binary' | 'undecodable' };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

// C0 controls other than tab, LF, CR: never in a real spreadsheet export.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffd]/;

export function decodeText(bytes: Uint8Array): DecodeResult {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return checked(new TextDecoder('utf-16le').decode(bytes.subarray(2)), 'utf-16le');
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return checked(new TextDecoder('utf-16be').decode(bytes.subarray(2)), 'utf-16be');
  }
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  if (body.includes(0)) return { ok: false, reason: 'binary' };
  try {
    return checked(utf8.decode(body), bom ? 'utf-8-bom' : 'utf-8');
  } catch {
    // Not UTF-8: GB18030 decodes every GBK / GB2312 file the same way.
  }
  return checked(iconv.decode(Buffer.from(body.buffer, body.byteOffset, body.byteLength), 'gb18030'), 'gb18030');
}

function checked(text: string, encoding: TextEncoding): DecodeResult {
  return CONTROL.test(text) ? { ok: false, reason: 'undecodable' } : { ok: true, text, encoding };
}
