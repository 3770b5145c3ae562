// Natural order for room and bed labels as printed on doors: "2" < "10" < "10A" < "10B" < "B-101".
// Census and handoff sheets are walked in this order, so it must be total and deterministic
// (no locale collation, which differs between machines).

type Chunk = { kind: 'number'; digits: string } | { kind: 'text'; text: string };

// Separators (space, '-', '.', '/') only split chunks; "B-101", "B 101" and "B101" sort together.
const CHUNK = /[0-9]+|[^0-9\s\p{P}\p{S}]+/gu;

function chunksOf(label: string): Chunk[] {
  const chunks: Chunk[] = [];
  for (const [piece] of label.matchAll(CHUNK)) {
    if (/^[0-9]/.test(piece)) {
      // Compared as digit strings, not Number, so long labels never lose precision.
      chunks.push({ kind: 'number', digits: piece.replace(/^0+(?=\d)/, '') });
    } else {
      chunks.push({ kind: 'text', text: piece.toLowerCase() });
    }
  }
  return chunks;
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareChunks(a: Chunk, b: Chunk): number {
  // Numbers before text, so numbered rooms come before lettered wings ("10" < "B-101").
  if (a.kind !== b.kind) return a.kind === 'number' ? -1 : 1;
  if (a.kind === 'number' && b.kind === 'number') {
    return a.digits.length - b.digits.length || compareCodeUnits(a.digits, b.digits);
  }
  if (a.kind === 'text' && b.kind === 'text') return compareCodeUnits(a.text, b.text);
  return 0;
}

export function compareRoomLabels(a: string, b: string): number {
  const left = chunksOf(a);
  const right = chunksOf(b);
  for (const [i, l] of left.entries()) {
    const r = right[i];
    if (r === undefined) break;
    const order = compareChunks(l, r);
    if (order !== 0) return Math.sign(order);
  }
  if (left.length !== right.length) return left.length < right.length ? -1 : 1;
  // Labels equal by the rules above ("B-101" vs "b101", "07" vs "7") still need a fixed order.
  return compareCodeUnits(a, b);
}
