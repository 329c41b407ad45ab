/** Splits text into lines whatever the line ends: CRLF (Windows), LF (Unix) or CR alone (old Mac, some WoS exports). */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  // A final line end does not start another (empty) line.
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Drops a leading byte-order mark that survived decoding (e.g. text handed in directly). */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
