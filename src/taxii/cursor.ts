/**
 * The `next` token of TAXII pages (TAXII 2.1 §3.4): an opaque encoding of the last row's
 * (date_added, seq). Rows are ordered by that pair, which never repeats, so following `next`
 * neither loops nor skips when many objects share a `date_added`.
 */
export function encodeCursor(dateAdded: number, seq: number): string {
  return Buffer.from(`${dateAdded}.${seq}`, 'utf8').toString('base64url');
}

export function decodeCursor(token: string): { dateAdded: number; seq: number } | null {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(token)) return null;
  const m = /^(\d{1,16})\.(\d{1,16})$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  if (!m) return null;
  return { dateAdded: Number(m[1]), seq: Number(m[2]) };
}
