import { OUTPUT_WIDTH, TACTIC_LABELS, TTP_LABELS, type ClassifierModel } from './model.js';

/**
 * The model file: a small binary format so the shipped model stays a few MB and loads in
 * milliseconds. Little-endian throughout:
 *
 *   "WDNCLF01"                      8 bytes magic
 *   u32 headerLength, header JSON   bits, width, labels, bias, Platt, column scales, provenance
 *   u32 n                           buckets with any non-zero weight
 *   u32[n]                          bucket ids, ascending
 *   i8[n * width]                   weights quantised per output column: w = q * scale[k]
 *
 * Encoding is deterministic (no timestamps, key order fixed), so retraining from the same corpus
 * and seed rewrites the file byte for byte.
 */
const MAGIC = 'WDNCLF01';

interface Header {
  formatVersion: 1;
  bits: number;
  width: number;
  ttpLabels: readonly (string | null)[];
  tacticLabels: readonly (string | null)[];
  bias: number[];
  platt: { a: number; b: number };
  scales: number[];
  maxChars: number;
  provenance: Record<string, string | number>;
}

/** Serialises a model, quantising weights to 8 bits per output column. */
export function encodeModel(model: ClassifierModel): Uint8Array {
  const { width, weights, rowOf } = model;
  const buckets = 1 << model.bits;
  const scales = new Array<number>(width).fill(0);
  for (let b = 0; b < buckets; b++) {
    const row = rowOf[b] as number;
    if (row < 0) continue;
    for (let k = 0; k < width; k++) {
      const a = Math.abs(weights[row * width + k] as number);
      if (a > (scales[k] as number)) scales[k] = a;
    }
  }
  for (let k = 0; k < width; k++) scales[k] = Math.fround((scales[k] as number) / 127) || 1;
  const used: number[] = [];
  for (let b = 0; b < buckets; b++) {
    const row = rowOf[b] as number;
    if (row < 0) continue;
    for (let k = 0; k < width; k++) {
      if (Math.round((weights[row * width + k] as number) / (scales[k] as number)) !== 0) {
        used.push(b);
        break;
      }
    }
  }
  const header: Header = {
    formatVersion: 1,
    bits: model.bits,
    width,
    ttpLabels: model.ttpLabels,
    tacticLabels: model.tacticLabels,
    bias: Array.from(model.bias),
    platt: model.platt,
    scales,
    maxChars: model.maxChars,
    provenance: model.provenance,
  };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const size = 8 + 4 + headerBytes.length + 4 + used.length * 4 + used.length * width;
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  let off = 0;
  for (let i = 0; i < 8; i++) bytes[off++] = MAGIC.charCodeAt(i);
  view.setUint32(off, headerBytes.length, true);
  off += 4;
  bytes.set(headerBytes, off);
  off += headerBytes.length;
  view.setUint32(off, used.length, true);
  off += 4;
  for (const b of used) {
    view.setUint32(off, b, true);
    off += 4;
  }
  for (const b of used) {
    const row = rowOf[b] as number;
    for (let k = 0; k < width; k++) {
      const q = Math.max(-127, Math.min(127, Math.round((weights[row * width + k] as number) / (scales[k] as number))));
      view.setInt8(off++, q);
    }
  }
  return bytes;
}

/** Parses a model file; throws an Error naming what is wrong when the bytes are not one. */
export function decodeModel(bytes: Uint8Array): ClassifierModel {
  const magic = String.fromCharCode(...bytes.subarray(0, 8));
  if (magic !== MAGIC) throw new Error(`not a Warden classifier model (magic ${JSON.stringify(magic)})`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let off = 8;
  const headerLength = view.getUint32(off, true);
  off += 4;
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(off, off + headerLength))) as Header;
  off += headerLength;
  if (header.formatVersion !== 1 || header.width !== OUTPUT_WIDTH || header.ttpLabels.length !== TTP_LABELS.length || header.tacticLabels.length !== TACTIC_LABELS.length) {
    throw new Error('classifier model was written for another label set; retrain with `warden train classifier`');
  }
  const n = view.getUint32(off, true);
  off += 4;
  const width = header.width;
  const weights = new Float32Array(n * width);
  const values = new Int8Array(n * width);
  const rowOf = new Int32Array(1 << header.bits).fill(-1);
  const idsOffset = off;
  let q = idsOffset + n * 4;
  for (let i = 0; i < n; i++) {
    rowOf[view.getUint32(idsOffset + i * 4, true)] = i;
    const base = i * width;
    for (let k = 0; k < width; k++) {
      const v = view.getInt8(q++);
      values[base + k] = v;
      weights[base + k] = v * (header.scales[k] as number);
    }
  }
  return {
    formatVersion: 1,
    bits: header.bits,
    width,
    ttpLabels: TTP_LABELS,
    tacticLabels: TACTIC_LABELS,
    rowOf,
    weights,
    quantised: { values, columnScale: Float32Array.from(header.scales) },
    bias: Float32Array.from(header.bias),
    platt: header.platt,
    maxChars: header.maxChars,
    provenance: header.provenance,
  };
}
