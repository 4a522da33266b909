/**
 * Where, in one chunk of diff output, any of a few needles starts — so that asking "does this
 * line contain one?" for every line of the chunk is a pointer walk instead of a search per
 * line. Needles never contain '\n', so a match that starts inside a line ends inside it.
 */
export class NeedleIndex {
  private positions: number[] = [];
  private cursor = 0;

  constructor(private readonly needles: readonly Buffer[]) {}

  /** Index a new chunk; later queries refer to it and must move forward through it. */
  load(chunk: Buffer): void {
    const positions: number[] = [];
    for (const needle of this.needles) {
      for (let at = chunk.indexOf(needle); at !== -1; at = chunk.indexOf(needle, at + 1))
        positions.push(at);
    }
    this.positions = positions.sort((a, b) => a - b);
    this.cursor = 0;
  }

  /** True when some needle starts in [start, end) of the loaded chunk. */
  hasNeedleIn(start: number, end: number): boolean {
    while (this.cursor < this.positions.length && this.positions[this.cursor] < start)
      this.cursor += 1;
    return this.cursor < this.positions.length && this.positions[this.cursor] < end;
  }
}
