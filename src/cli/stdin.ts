/** Reading standard input, bounded (a hook's input is small; anything huge is not git's). */
import { ScanError } from '../errors';

export async function readStdin(limitBytes: number, tooLarge: string): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    if (size > limitBytes) throw new ScanError('bad-arguments', tooLarge);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
