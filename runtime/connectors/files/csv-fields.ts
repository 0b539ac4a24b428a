// One CSV record's text into its fields (RFC 4180): fields separated by the delimiter, a field in double quotes
// may hold delimiters, newlines and doubled quotes (""). A quote that opens a field must close it right before a
// delimiter or the record's end; anything else is malformed and reported, never guessed at.

export type FieldsResult = { ok: true; fields: string[] } | { ok: false; error: string };

export function csvFields(text: string, delimiter: string): FieldsResult {
  const fields: string[] = [];
  const n = text.length;
  let i = 0;
  for (;;) {
    if (text[i] === '"') {
      let value = '';
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) return { ok: false, error: `unterminated quoted field ${fields.length + 1}` };
        value += text.slice(j, q);
        if (text[q + 1] === '"') {
          value += '"';
          j = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      fields.push(value);
      if (i === n) return { ok: true, fields };
      if (text[i] !== delimiter) {
        return { ok: false, error: `unexpected ${JSON.stringify(text[i])} after the closing quote of field ${fields.length}` };
      }
      i++;
    } else {
      const d = text.indexOf(delimiter, i);
      if (d < 0) {
        fields.push(text.slice(i));
        return { ok: true, fields };
      }
      fields.push(text.slice(i, d));
      i = d + 1;
    }
  }
}
