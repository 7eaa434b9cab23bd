import assert from 'node:assert/strict';
import { cleanText, normaliseGuid } from '../../src/application/cleanText';

describe('text a person typed, cleaned before it is stored', () => {
  const table: [name: string, typed: string, lines: boolean, stored: string][] = [
    ['NUL and BEL', 'Con\u0000toso\u0007', false, 'Contoso'],
    ['a colour escape', '\u001b[1;31mContoso\u001b[0m', false, 'Contoso'],
    ['a window-title escape', 'Contoso\u001b]0;pwned\u0007 Ltd', false, 'Contoso Ltd'],
    ['DEL and the C1 range', 'Con\u007ftoso\u0085\u009b', false, 'Contoso'],
    ['a bidirectional override', 'Contoso \u202eevil', false, 'Contoso evil'],
    ['a zero-width space and a byte-order mark', '\ufeffCon\u200btoso', false, 'Contoso'],
    ['tabs', 'Contoso\tLtd', false, 'Contoso Ltd'],
    ['line breaks in a one-line field', 'Contoso\r\nLtd', false, 'Contoso Ltd'],
    [
      'line breaks in a note',
      'First line.\r\nSecond line.\rThird.',
      true,
      'First line.\nSecond line.\nThird.',
    ],
    ['accents, kept and composed', 'Cafe\u0301 Müller', false, 'Café Müller'],
    ['spaces around', '  Contoso  ', false, 'Contoso'],
  ];
  for (const [name, typed, lines, stored] of table) {
    it(`removes or keeps ${name}`, () => assert.equal(cleanText(typed, { lines }), stored));
  }

  it('normalises a pasted GUID: spaces, braces, capitals', () => {
    const guid = '8f2c7a1e-4b5d-4c3e-9a10-2b7d6e5f4a3c';
    assert.equal(normaliseGuid(` {${guid.toUpperCase()}}\t`), guid);
    assert.equal(normaliseGuid('contoso'), 'contoso', 'anything else is left for the check');
  });
});
