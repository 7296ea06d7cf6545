/**
 * Node's zlib lent to lib/core's PNG decoder (a ZlibHost): inflateSync as
 * the reference inflater, a native CRC-32 (zlib.crc32, Node >= 20.15; the
 * decoder's TypeScript CRC on older Nodes) and an inflater that writes into
 * a caller's buffer.
 *
 * inflateInto drives one reused zlib.Inflate's native handle directly
 * (`_handle.writeSync` and `_writeState`, what inflateSync itself runs):
 * no engine set-up, no output buffer and no copy per image. On full-HD
 * masks that inflates in ~55 % of inflateSync's time, whose exact-size
 * output buffer is followed by a second one of the same size just to read
 * the end of the stream. Those fields are not public, so they are checked
 * first; without them, and whenever the output fills the buffer or the
 * stream is damaged (zlib then closes the handle), it returns -1 and the
 * decoder calls inflateSync, whose bytes or error are the reference.
 */
import "server-only";
import zlib from "node:zlib";
import type { ZlibHost } from "@/lib/core/masks/decode";
import { readPngHeader, type Crc32 } from "@/lib/core/masks/png-chunks";
import { rowBytesOf } from "@/lib/core/masks/unfilter";

interface InflateHandle {
  reset(): void;
  writeSync(flush: number, input: Uint8Array, inOff: number, inLen: number, out: Uint8Array, outOff: number, outLen: number): void;
}

interface Engine {
  stream: zlib.Inflate;
  handle: InflateHandle;
  /** [output bytes left, input bytes left] after each writeSync. */
  state: Uint32Array;
}

let engine: Engine | null | undefined;

function openEngine(): Engine | null {
  const stream = new zlib.Inflate();
  // A damaged stream makes zlib destroy the engine and emit "error" on the next tick; the caller learns it from the closed handle.
  stream.on("error", () => {});
  const { _handle: handle, _writeState: state } = stream as unknown as { _handle?: Partial<InflateHandle>; _writeState?: unknown };
  if (typeof handle?.writeSync !== "function" || typeof handle.reset !== "function" || !(state instanceof Uint32Array) || state.length < 2) {
    return null;
  }
  return { stream, handle: handle as InflateHandle, state };
}

/**
 * Inflates the zlib stream `data` (one buffer, or its pieces in order, e.g.
 * a PNG's IDAT chunks, so that they need not be joined first) into `out`
 * from its start; returns the bytes written, or -1 (nothing to rely on,
 * `out` may be overwritten) when the stream fills `out`, is damaged or
 * truncated, or the handle is not available. `limit` caps the output as
 * inflateSync's maxOutputLength does.
 */
export function inflateInto(data: Uint8Array | readonly Uint8Array[], out: Uint8Array, limit = Number.MAX_SAFE_INTEGER): number {
  if (engine === undefined) engine = openEngine();
  if (engine === null) return -1;
  const { stream, handle, state } = engine;
  const room = Math.min(out.length, limit + 1);
  const parts = data instanceof Uint8Array ? [data] : data;
  handle.reset();
  let at = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    const last = i === parts.length - 1;
    if (part.length === 0 && !last) continue;
    handle.writeSync(last ? zlib.constants.Z_FINISH : zlib.constants.Z_NO_FLUSH, part, 0, part.length, out, at, room - at);
    if ((stream as unknown as { _handle: unknown })._handle !== handle) {
      engine = undefined;
      return -1;
    }
    // Output full before the input ran out: too big (or damaged) for `out`.
    if (!last && state[1] !== 0) return -1;
    at = room - state[0];
  }
  return state[0] === 0 ? -1 : at;
}

/** zlib.crc32 where Node has it (>= 20.15), else undefined (the decoder's own CRC). */
export const nativeCrc32: Crc32 | undefined = typeof zlib.crc32 === "function" ? (data) => zlib.crc32(data) : undefined;

/**
 * The ZlibHost for a PNG of this header: inflateSync with its output buffer
 * sized from the header (one piece instead of 16 KiB ones), capped at
 * `maxOutputLength` so that a forged stream cannot blow up memory, and the
 * same cap on inflateInto.
 */
export function nodeZlibHost(expectedBytes: number, maxOutputLength: number): ZlibHost {
  const chunkSize = Math.max(64, Math.min(expectedBytes, maxOutputLength));
  return {
    inflate: (data) => zlib.inflateSync(data, { chunkSize, maxOutputLength }),
    inflateInto: (data, out) => inflateInto(data, out, maxOutputLength),
    crc32: nativeCrc32,
  };
}

/**
 * nodeZlibHost for decoding the PNG `bytes`: inflateSync's output sized from
 * the header (rows x (row bytes + filter byte)) so that zlib writes one chunk
 * instead of concatenating 16 KiB pieces, and output capped at 8 bytes per
 * pixel so that a forged stream cannot blow up memory. A header that cannot
 * be read throws the decoder's own error, naming `fileName`.
 */
export function nodeZlibHostFor(bytes: Uint8Array, fileName?: string): ZlibHost {
  const header = readPngHeader(bytes, fileName);
  const maxOutputLength = Math.min(header.height * (header.width * 8 + 1), 2 ** 31 - 1);
  return nodeZlibHost(header.height * (rowBytesOf(header) + 1), maxOutputLength);
}
