/**
 * A local stand-in for Segment's Public API: a real HTTP server on 127.0.0.1 (port 0) that
 * records every request it receives (method, path, headers, body size), so tests can assert
 * exactly what seg-hook sent and that nothing was sent at all without --verify.
 *
 * Routes (the path prefix picks the behaviour; seg-hook requests `<api-url>/`):
 *   /            200 for a known (active) token, 403 for a forbidden one, 401 otherwise
 *   /status/N/   answers HTTP N whatever the token (429 carries Retry-After)
 *   /redirect/   302 to /captured on this same server: a followed redirect would show up
 *   /slow/       waits `slowMs` before answering 200 (for concurrency)
 *   /hang/       never answers (for timeouts: however loaded the machine, only a timeout ends it)
 * Every body carries BODY_MARKER, which must never appear in seg-hook's output.
 *
 * Also here: `runCliAsync`, which runs the built CLI without blocking the event loop (a
 * spawnSync would freeze this very server while the CLI waits for it).
 */
import { spawn } from 'node:child_process';
import http, { IncomingHttpHeaders } from 'node:http';
import { AddressInfo } from 'node:net';
import { CLI, isolatedEnv, RunResult } from './gitRepo';

export const BODY_MARKER = 'workspace-body-must-never-be-printed';

export interface RecordedRequest {
  method: string;
  /** Path and query, as sent on the request line. */
  url: string;
  /** Lower-cased header names. */
  headers: IncomingHttpHeaders;
  /** Name/value pairs as received, for "the token is nowhere else" checks. */
  rawHeaders: string[];
  bodyBytes: number;
}

export class FakeSegmentApi {
  readonly requests: RecordedRequest[] = [];
  /** The most requests that were open at the same time (for concurrency limits). */
  maxInFlight = 0;
  private inFlight = 0;
  private readonly activeTokens = new Set<string>();
  private readonly forbiddenTokens = new Set<string>();
  private readonly pendingTimers = new Set<NodeJS.Timeout>();

  private constructor(
    private readonly server: http.Server,
    readonly slowMs: number,
  ) {}

  static async start(options: { slowMs?: number } = {}): Promise<FakeSegmentApi> {
    const server = http.createServer();
    const api = new FakeSegmentApi(server, options.slowMs ?? 5000);
    server.on('request', (req, res) => api.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return api;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** Base URL for `--api-url`, optionally with one of the route prefixes. */
  url(route = ''): string {
    return `http://127.0.0.1:${this.port}${route}`;
  }

  /** The token is known to the workspace: 200. */
  activate(token: string): void {
    this.activeTokens.add(token);
  }

  /** The token exists but may not read the workspace: 403. */
  forbid(token: string): void {
    this.forbiddenTokens.add(token);
  }

  async close(): Promise<void> {
    for (const timer of this.pendingTimers) clearTimeout(timer);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    res.on('close', () => (this.inFlight -= 1));
    let bodyBytes = 0;
    req.on('data', (chunk: Buffer) => (bodyBytes += chunk.length));
    req.on('end', () => {
      this.requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        rawHeaders: req.rawHeaders,
        bodyBytes,
      });
      this.respond(req, res);
    });
  }

  private respond(req: http.IncomingMessage, res: http.ServerResponse): void {
    const path = req.url ?? '/';
    const status = /^\/status\/(\d{3})\//.exec(path);
    if (status) {
      const code = Number(status[1]);
      const headers: Record<string, string> = code === 429 ? { 'Retry-After': '30' } : {};
      return send(res, code, { error: `status ${code}`, marker: BODY_MARKER }, headers);
    }
    if (path.startsWith('/redirect/')) {
      return send(res, 302, { marker: BODY_MARKER }, { Location: this.url('/captured/') });
    }
    if (path.startsWith('/hang/')) return; // close() ends the connection
    if (path.startsWith('/slow/')) {
      const timer = setTimeout(() => {
        this.pendingTimers.delete(timer);
        send(res, 200, { marker: BODY_MARKER });
      }, this.slowMs);
      this.pendingTimers.add(timer);
      return;
    }
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (token !== undefined && this.activeTokens.has(token)) {
      return send(res, 200, { data: { workspace: { id: 'ws_1', name: BODY_MARKER } } });
    }
    if (token !== undefined && this.forbiddenTokens.has(token)) {
      return send(res, 403, { errors: [{ type: 'forbidden', message: BODY_MARKER }] });
    }
    send(res, 401, { errors: [{ type: 'unauthorized', message: BODY_MARKER }] });
  }
}

function send(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** A 127.0.0.1 URL on which nothing listens (a port that was just freed). */
export async function closedPortUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/** Run the built CLI asynchronously, optionally feeding `input` on stdin. */
export function runCliAsync(args: string[], options: AsyncRunOptions = {}): Promise<RunResult> {
  return runAsync(process.execPath, [CLI, ...args], options);
}

export interface AsyncRunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  input?: string;
}

/** Run any command (e.g. `git commit` whose hook calls the fake API) without blocking. */
export function runAsync(
  command: string,
  args: string[],
  options: AsyncRunOptions = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? isolatedEnv(),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.on('error', () => undefined); // the command may exit before reading stdin
    child.stdin.end(options.input ?? '');
  });
}
