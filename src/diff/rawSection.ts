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
const TWO_NULS = Buffer.from([NUL, NUL]);

export class RawSectionSplitter {
  private chunks: Buffer[] = [];
  private length = 0;
  private done = false;

  /** Feed output until it returns the split; after that, the caller reads the rest itself. */
  push(chunk: Buffer): RawAndRest | null {
    if (this.done) throw new Error('RawSectionSplitter: the raw section is already complete');
    // The pair may straddle chunks: the previous one ended with a name's NUL, this one starts
    // with the separator.
    const straddles = this.length > 0 && this.lastByte() === NUL && chunk[0] === NUL;
    const pair = straddles ? -1 : chunk.indexOf(TWO_NULS);
    if (!straddles && pair === -1) {
      this.chunks.push(chunk);
      this.length += chunk.length;
      return null;
    }
    this.done = true;
    // raw keeps the NUL that ends the last name; the separator is dropped.
    const head = chunk.subarray(0, pair + 1);
    const raw = Buffer.concat([...this.chunks, head], this.length + head.length);
    this.chunks = [];
    return { raw, rest: chunk.subarray(pair + 2) };
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
