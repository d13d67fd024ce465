/**
 * Bytes → text for the CLI: UTF-8 (a BOM is dropped, so offsets start at the first character),
 * UTF-16 LE/BE by their BOM, binary files recognised (a NUL byte in the first 8 kB, as git
 * does) so they can be skipped, and anything else that is not valid UTF-8 refused by name.
 * @module
 */

export type Decoded = { text: string } | { binary: true } | { error: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf16le = new TextDecoder('utf-16le', { fatal: true });

export function decode(bytes: Uint8Array): Decoded {
  const b0 = bytes[0];
  const b1 = bytes[1];
  try {
    if (b0 === 0xff && b1 === 0xfe) return { text: utf16le.decode(bytes.subarray(2)) };
    if (b0 === 0xfe && b1 === 0xff) {
      const swapped = new Uint8Array(bytes.length - 2 - ((bytes.length - 2) % 2));
      for (let i = 0; i < swapped.length; i += 2) {
        swapped[i] = bytes[i + 3]!;
        swapped[i + 1] = bytes[i + 2]!;
      }
      if ((bytes.length - 2) % 2) throw new Error('odd length');
      return { text: utf16le.decode(swapped) };
    }
  } catch {
    return { error: 'not valid UTF-16 text (it starts with a UTF-16 byte order mark)' };
  }
  if (bytes.subarray(0, 8000).includes(0)) return { binary: true };
  try {
    // The decoder drops a leading UTF-8 BOM (ignoreBOM is false).
    return { text: utf8.decode(bytes) };
  } catch {
    return { error: `not valid UTF-8 text (at byte ${firstInvalidUtf8(bytes)}); save it as UTF-8, or UTF-16 with a byte order mark` };
  }
}

/** Byte offset of the first invalid UTF-8 sequence (for the error message). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let lo = 0;
  let hi = bytes.length;
  // The longest valid prefix, by bisection on whole-prefix validity (cheap enough for one error).
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (validPrefix(bytes.subarray(0, mid))) lo = mid;
    else hi = mid - 1;
  }
  // The valid prefix may end inside the bad sequence (an incomplete one is valid when streaming):
  // report the sequence's lead byte.
  for (let i = lo; i > 0 && i > lo - 4; i--) {
    if (bytes[i - 1]! >= 0xc0) return i - 1;
    if ((bytes[i - 1]! & 0xc0) !== 0x80) break;
  }
  return lo;
}

function validPrefix(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** How a file's bytes were encoded, so that `--fix` writes it back the same way. */
export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be';

export function encodingOf(bytes: Uint8Array): Encoding {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8-bom';
  return 'utf-8';
}

/** Text → bytes in `encoding`, with the byte order mark the file had. */
export function encode(text: string, encoding: Encoding): Uint8Array {
  if (encoding === 'utf-8') return Buffer.from(text, 'utf8');
  if (encoding === 'utf-8-bom') return Buffer.from('\uFEFF' + text, 'utf8');
  const le = Buffer.from('\uFEFF' + text, 'utf16le');
  if (encoding === 'utf-16le') return le;
  for (let i = 0; i + 1 < le.length; i += 2) {
    const b = le[i]!;
    le[i] = le[i + 1]!;
    le[i + 1] = b;
  }
  return le;
}
