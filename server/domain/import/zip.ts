import { inflateRawSync } from 'node:zlib';

/**
 * Just enough of the ZIP format to read the parts of an XLSX workbook: the central directory,
 * stored and deflated entries. Sizes are capped so a zip bomb fails instead of filling memory.
 */

/** A problem with the container itself; the caller turns it into a ParseError. */
export class ZipError extends Error {}

/** An entry that inflates to more than the caller allowed (a zip bomb, or a damaged size). */
export class ZipTooLargeError extends ZipError {}

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_FILE_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;

/** Lists a ZIP archive's entries from its central directory. */
export function zipEntries(bytes: Uint8Array): Map<string, ZipEntry> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end record is in the last 22 bytes plus an archive comment of up to 64 KiB.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === END_OF_CENTRAL_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new ZipError('the ZIP container is truncated (no central directory)');
  const count = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  const entries = new Map<string, ZipEntry>();
  for (let n = 0; n < count; n++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== CENTRAL_FILE_HEADER) {
      throw new ZipError('the ZIP central directory is damaged');
    }
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const name = new TextDecoder('utf-8').decode(bytes.subarray(offset + 46, offset + 46 + nameLength));
    entries.set(name, {
      name,
      method: view.getUint16(offset + 10, true),
      compressedSize: view.getUint32(offset + 20, true),
      size: view.getUint32(offset + 24, true),
      localHeaderOffset: view.getUint32(offset + 42, true),
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The uncompressed bytes of one entry (stored or deflated), at most `maxBytes` long. */
export function readZipEntry(bytes: Uint8Array, entry: ZipEntry, maxBytes: number): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL_FILE_HEADER) throw new ZipError(`the ZIP entry ${entry.name} is damaged`);
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (data.length < entry.compressedSize) throw new ZipError(`the ZIP entry ${entry.name} is truncated`);
  const tooLarge = () => new ZipTooLargeError(`the ZIP entry ${entry.name} inflates to more than ${maxBytes} bytes`);
  // The declared size can lie; it only lets an honest oversized entry be refused before inflating.
  if (entry.size > maxBytes || maxBytes <= 0) throw tooLarge();
  if (entry.method === 0) {
    if (data.length > maxBytes) throw tooLarge();
    return data;
  }
  if (entry.method !== 8) throw new ZipError(`the ZIP entry ${entry.name} uses an unsupported compression method (${entry.method})`);
  try {
    return inflateRawSync(data, { maxOutputLength: maxBytes });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge();
    throw new ZipError(`the ZIP entry ${entry.name} cannot be decompressed (${(error as Error).message})`);
  }
}
