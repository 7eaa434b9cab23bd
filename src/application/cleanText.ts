/**
 * Text a person typed, made safe to store and to copy into FTOP: terminal escape sequences and
 * control characters (NUL, BEL, DEL, the C1 range, bidirectional overrides, zero-width spaces)
 * are removed, tabs become spaces, and line breaks are kept only where the field has lines.
 */
/* eslint-disable no-control-regex -- matching control characters is what this file is for */
const ESCAPE_SEQUENCES = [
  // CSI: ESC [ parameters intermediates final, e.g. colour codes.
  /\u001b\[[0-?]*[ -/]*[@-~]/g,
  // OSC: ESC ] ... ended by BEL or ESC \, e.g. window titles and links.
  /\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?/g,
  // Any other two-character escape.
  /\u001b[@-_]?/g,
];
const CONTROLS =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b\u202a-\u202e\u2066-\u2069\ufeff]/g;

export function cleanText(text: string, options: { readonly lines?: boolean } = {}): string {
  let cleaned = text.normalize('NFC');
  for (const sequence of ESCAPE_SEQUENCES) cleaned = cleaned.replace(sequence, '');
  cleaned = cleaned.replace(/\r\n?/g, '\n').replace(/\t/g, ' ').replace(CONTROLS, '');
  cleaned = options.lines ? cleaned.replace(/[ ]+\n/g, '\n') : cleaned.replace(/\n+/g, ' ');
  return cleaned.trim();
}

/** A GUID as pasted (spaces, braces, capitals) in its one stored form: trimmed, unbraced, lower case. */
export function normaliseGuid(text: string): string {
  const bare = cleanText(text)
    .replace(/^\{(.*)\}$/, '$1')
    .trim();
  return bare.toLowerCase();
}
