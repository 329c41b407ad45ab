import { crc32, deflateRawSync } from 'node:zlib';

/** One part of a ZIP archive: its name and its uncompressed content. */
export interface ZipPart {
  name: string;
  content: string | Uint8Array;
  /** The uncompressed size the archive claims (a hostile archive may lie); the true size by default. */
  declaredSize?: number;
}

/**
 * Writes a ZIP archive (deflated entries, a central directory) of the given parts: enough to
 * build .xlsx workbooks in tests, including hostile ones no spreadsheet program would write.
 */
export function zip(parts: ZipPart[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const data =
      typeof part.content === 'string' ? Buffer.from(part.content, 'utf8') : Buffer.from(part.content);
    const compressed = deflateRawSync(data, { level: 9 });
    const name = Buffer.from(part.name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    const declared = part.declaredSize ?? data.length;
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    centrals.push(central, name);
    offset += local.length + name.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"></Types>';

/** A one-sheet workbook: the sheet's XML and, when given, the shared-string table's. */
export function workbook(sheetXml: string | Uint8Array, sharedStringsXml?: string): Uint8Array {
  const parts: ZipPart[] = [
    { name: '[Content_Types].xml', content: CONTENT_TYPES },
    { name: 'xl/worksheets/sheet1.xml', content: sheetXml },
  ];
  if (sharedStringsXml !== undefined) parts.push({ name: 'xl/sharedStrings.xml', content: sharedStringsXml });
  return zip(parts);
}
