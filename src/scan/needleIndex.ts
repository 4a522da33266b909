/**
 * Where, in one chunk of diff output, a needle (see detect/findingNeedles) starts — so that
 * asking "can this line produce a finding?" for every line of the chunk is a pointer walk
 * instead of a search per line. A needle never spans a '\n', so one that starts inside a line
 * ends inside it.
 */
import { needlePattern } from '../detect/findingNeedles';

export class NeedleIndex {
  private positions: number[] = [];
  private cursor = 0;
  private readonly pattern = needlePattern();

  /** Index a new chunk; later queries refer to it and must move forward through it. */
  load(chunk: Buffer): void {
    // Only lines that lie whole inside the chunk are asked about: the part after the last
    // newline never is (a chunk inside a long line: all of it; see LineSplitter).
    const last = chunk.lastIndexOf(0x0a);
    const text = last === -1 ? '' : chunk.toString('latin1', 0, last);
    const positions: number[] = [];
    this.pattern.lastIndex = 0;
    for (let match = this.pattern.exec(text); match; match = this.pattern.exec(text)) {
      positions.push(match.index);
    }
    this.positions = positions;
    this.cursor = 0;
  }

  /** True when some needle starts in [start, end) of the loaded chunk. */
  hasNeedleIn(start: number, end: number): boolean {
    while (this.cursor < this.positions.length && this.positions[this.cursor] < start)
      this.cursor += 1;
    return this.cursor < this.positions.length && this.positions[this.cursor] < end;
  }
}
