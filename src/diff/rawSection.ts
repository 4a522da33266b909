/**
 * Splits the output of `git diff --raw -p -z` into its two parts: the raw records (every
 * change, NUL-separated fields) and the patch that follows them. git ends the last record's
 * name with a NUL and then writes one more NUL as the separator; no field is empty, so the
 * first two NULs in a row are the boundary. Output without changes is empty.
 */
export interface RawAndRest {
  /** The raw records, each field NUL-terminated (parseRawZ's input). */
  raw: Buffer;
  /** The patch bytes of this chunk that follow the separator (more may follow). */
  rest: Buffer;
}

const NUL = 0x00;

export class RawSectionSplitter {
  private chunks: Buffer[] = [];
  private length = 0;
  private done = false;

  /** Feed output until it returns the split; after that, the caller reads the rest itself. */
  push(chunk: Buffer): RawAndRest | null {
    if (this.done) throw new Error('RawSectionSplitter: the raw section is already complete');
    const endsWithNul = this.length > 0 && this.lastByte() === NUL;
    // The separator NUL right at this chunk's start, after the previous chunk's final NUL.
    const boundary = endsWithNul && chunk[0] === NUL ? -1 : doubleNul(chunk);
    if (boundary === null) {
      this.chunks.push(chunk);
      this.length += chunk.length;
      return null;
    }
    this.done = true;
    // raw keeps the NUL that ends the last name; the separator is dropped.
    const head = chunk.subarray(0, boundary + 1);
    const raw = Buffer.concat([...this.chunks, head], this.length + head.length);
    this.chunks = [];
    return { raw, rest: chunk.subarray(boundary + 2) };
  }

  /** At the end of the output: everything read is raw (there was no patch). */
  end(): Buffer {
    if (this.done) return Buffer.alloc(0);
    this.done = true;
    return Buffer.concat(this.chunks, this.length);
  }

  private lastByte(): number {
    const last = this.chunks[this.chunks.length - 1];
    return last[last.length - 1];
  }
}

const TWO_NULS = Buffer.from([NUL, NUL]);

/** Index of the first of two NULs in a row in `chunk`, or null (a native search). */
function doubleNul(chunk: Buffer): number | null {
  const at = chunk.indexOf(TWO_NULS);
  return at === -1 ? null : at;
}
