// A local stand-in for Slack's Web API (the bot reaches it through SLACK_API_URL) and for
// response_url. It records every call, answers like Slack does, lets a test script failures,
// and checks every view and message against Block Kit limits.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { messageProblems, viewProblems } from './block-kit.js';
import { missingArguments, SLACK_METHODS } from './slack-methods.js';

export type Json = Record<string, any>;
export interface Call {
  method: string;
  args: Json;
}

/** What the fake answered a call (once it has): Slack's JSON, or an HTTP-level reply. */
export function answerOf(call: Call): Promise<Json> {
  return (call as Call & { [ANSWER]?: Promise<Json> })[ANSWER] ?? Promise.reject(new Error(`${call.method} was never answered`));
}
const ANSWER = Symbol('answer');

/** How long a trigger_id can open a modal, as Slack allows. */
export const TRIGGER_LIFETIME_MS = 3000;
/** A scripted answer: Slack's JSON, or `{ status, headers, body }` for an HTTP-level answer (429, 5xx). */
type Responder = (args: Json) => Json | Promise<Json>;

export interface HttpReply {
  status: number;
  headers?: Record<string, string>;
  body: Json;
}

const isHttpReply = (answer: Json): answer is HttpReply => typeof answer.status === 'number' && typeof answer.body === 'object';

const JSON_FIELDS = ['view', 'blocks', 'attachments', 'file_uploads', 'metadata', 'files'];

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A file the bot uploaded (files.uploadV2: URL, then the bytes POSTed to it, then complete). */
export interface Upload {
  fileId: string;
  filename: string;
  bytes: Buffer | undefined;
}

function parseArgs(body: string, contentType: string | undefined): Json {
  if (contentType?.includes('application/json')) return body ? (JSON.parse(body) as Json) : {};
  const args: Json = {};
  for (const [key, value] of new URLSearchParams(body)) {
    args[key] = JSON_FIELDS.includes(key) ? safeJson(value) : value;
  }
  return args;
}

function safeJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** The tokens the fake accepts, as a real workspace would for this app. */
export const FAKE_TOKENS = { bot: 'xoxb-test-token', app: 'xapp-1-A0APP-1-test' };

/** The token a call carried: `Authorization: Bearer …` (what the Web API client sends) or a `token` argument. */
function tokenOf(req: IncomingMessage, args: Json): string | undefined {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length);
  return typeof args.token === 'string' && args.token !== '' ? args.token : undefined;
}

/** A file a person shared (in a DM with the bot): what files.info tells, and its bytes. */
export interface SharedFile {
  id: string;
  name: string;
  bytes: Buffer;
}

/** A view Slack holds (a modal on someone's screen, or an App Home): its id and current hash. */
interface HeldView {
  id: string;
  hash: string;
}

/** A message as a channel keeps it: what conversations.history and .replies answer. */
export interface PostedMessage {
  ts: string;
  text: string;
  thread_ts?: string;
  metadata?: Json;
  bot_id: string;
}

export class FakeSlack {
  readonly calls: Call[] = [];
  readonly problems: string[] = [];
  /** Slack locale per user for users.info (default zh-CN). */
  readonly locales = new Map<string, string>();
  /** Display names per user for users.info. */
  readonly names = new Map<string, string>();
  socketUrl = '';
  /** Files uploaded through files.getUploadURLExternal and its upload URL, by file id. */
  readonly uploads = new Map<string, Upload>();
  /** Files people shared, by id: files.info and the download URL serve them. */
  readonly shared = new Map<string, SharedFile>();
  /** How often each shared file was downloaded with the bot token. */
  readonly downloads = new Map<string, number>();
  /** What each channel holds: the messages posted to it (threads included), oldest first. */
  readonly messages = new Map<string, PostedMessage[]>();
  /**
   * The channels the bot was added to (see `join`). Like a workspace's, membership outlives
   * `reset()`: it is set up once, as an admin invites the bot once.
   */
  readonly channels = new Set<string>();
  /** trigger_ids handed out with interactions: when, and whether one was already exchanged. */
  private readonly triggers = new Map<string, { issuedAt: number; used: boolean }>();
  /** Modals opened or pushed, by view id. */
  private readonly views = new Map<string, HeldView>();
  /** Each user's App Home, by user id. */
  private readonly homes = new Map<string, HeldView>();
  private server: Server | undefined;
  private readonly responders = new Map<string, Responder[]>();
  private readonly held = new Map<string, Promise<void>>();
  private readonly lost = new Set<string>();
  private readonly waiters: { method: string; test: (c: Call) => boolean; resolve: (c: Call) => void }[] = [];
  private seq = 0;

  url = '';
  get apiUrl(): string {
    return `${this.url}/api/`;
  }
  responseUrl(id = String(++this.seq)): string {
    return `${this.url}/respond/${id}`;
  }

  /** Answers the next call(s) of `method` with `responder` instead of the default (once each). */
  respondOnce(method: string, responder: Responder): void {
    this.responders.set(method, [...(this.responders.get(method) ?? []), responder]);
  }

  /**
   * Keeps the next call of `method` waiting, as a slow Slack would, until the function returned
   * is called; then it is answered as usual.
   */
  holdNext(method: string): () => void {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    this.held.set(method, released);
    return release;
  }

  /**
   * The next call of `method` is carried out (a message is posted) but its answer never arrives:
   * the connection drops, as when Slack's reply is lost or comes after the client gave up.
   */
  loseNextAnswer(method: string): void {
    this.lost.add(method);
  }

  /** Adds the bot to channels, as someone typing `/invite @阳光驿站` there does. */
  join(...channels: string[]): this {
    for (const channel of channels) this.channels.add(channel);
    return this;
  }

  /** Removes the bot from a channel (kicked, or the channel archived). */
  leave(channel: string): void {
    this.channels.delete(channel);
  }

  /**
   * A trigger_id as Slack puts in an interaction's payload: it opens one modal, within
   * TRIGGER_LIFETIME_MS of `issuedAt` (now, unless a test wants an old one).
   */
  issueTrigger(issuedAt = Date.now()): string {
    const id = `${++this.seq}.${issuedAt}.${Math.random().toString(16).slice(2, 14)}`;
    this.triggers.set(id, { issuedAt, used: false });
    return id;
  }

  /** The messages in a channel, top-level and replies. */
  messagesIn(channel: string): PostedMessage[] {
    return this.messages.get(channel) ?? [];
  }

  callsOf(method: string): Call[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** The first call (past or future) of `method` satisfying `test`. */
  waitFor(method: string, test: (c: Call) => boolean = () => true, timeoutMs = 5000): Promise<Call> {
    const past = this.calls.find((c) => c.method === method && test(c));
    if (past) return Promise.resolve(past);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${method} call within ${timeoutMs} ms; calls: ${this.calls.map((c) => c.method).join(', ')}`)), timeoutMs);
      this.waiters.push({ method, test, resolve: (c) => (clearTimeout(timer), resolve(c)) });
    });
  }

  /** A file as a person shares it in Slack; send the events about it with the driver. */
  shareFile(name: string, bytes: Buffer): SharedFile {
    const file = { id: `F${String(++this.seq).padStart(8, '0')}`, name, bytes };
    this.shared.set(file.id, file);
    return file;
  }

  /** Forgets recorded calls (between steps of one test). */
  clear(): void {
    this.calls.length = 0;
  }

  /** A workspace as new (between tests): no calls, no messages in any channel, nothing scripted. */
  reset(): void {
    this.clear();
    this.messages.clear();
    this.triggers.clear();
    this.views.clear();
    this.homes.clear();
    this.uploads.clear();
    this.shared.clear();
    this.downloads.clear();
    this.responders.clear();
    this.held.clear();
    this.lost.clear();
  }

  async start(): Promise<this> {
    this.server = createServer(async (req, res) => {
      const raw = await readBody(req);
      const body = raw.toString();
      const path = req.url ?? '/';
      if (path.startsWith('/files-pri/')) return this.serveFile(req, res, path);
      let method: string;
      let args: Json;
      if (path.startsWith('/upload/')) {
        // The Web API client POSTs the bytes as multipart form data, field "body".
        const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': String(req.headers['content-type']) } }).formData();
        const file = form.get('body');
        const upload = this.uploads.get(path.slice('/upload/'.length));
        if (upload && file instanceof Blob) upload.bytes = Buffer.from(await file.arrayBuffer());
        method = 'upload';
        args = { file_id: upload?.fileId, filename: upload?.filename };
      } else if (path.startsWith('/respond/')) {
        method = 'response_url';
        args = { ...(safeJson(body) as Json), response_url: path };
      } else {
        method = path.replace(/^\/api\//, '').split('?')[0]!;
        args = parseArgs(body, req.headers['content-type']);
      }
      const call: Call = { method, args };
      let answered!: (answer: Json) => void;
      Object.defineProperty(call, ANSWER, { value: new Promise<Json>((resolve) => (answered = resolve)), enumerable: false });
      this.calls.push(call);
      const hold = this.held.get(method);
      this.held.delete(method);
      // Like Slack: an unknown method, no token or one this workspace did not issue, or a
      // required argument missing, and nothing happens. Each is a mistake of the bot's.
      const refusal = path.startsWith('/api/') ? this.refusal(method, tokenOf(req, args), args) : undefined;
      if (refusal) this.problems.push(`${method}: ${refusal.error}${refusal.response_metadata ? ` (${(refusal.response_metadata as Json).messages})` : ''}`);
      else this.check(call);
      for (const waiter of [...this.waiters]) {
        if (waiter.method === method && waiter.test(call)) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve(call);
        }
      }
      if (hold) await hold;
      const answer = refusal ?? (await this.answer(call));
      answered(answer);
      if (this.lost.delete(method)) {
        req.socket.destroy();
        return;
      }
      const reply: HttpReply = isHttpReply(answer) ? answer : { status: 200, body: answer };
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(JSON.stringify(reply.body));
    });
    // Like Slack, idle connections stay open: Node's default closes them after 5 s, and a client
    // reusing one as it closes got a reset ("fetch failed") on a loaded machine, failing a post
    // that a real workspace would have taken. stop() still closes them.
    this.server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /**
   * A shared file's bytes, to a request with the bot token; like Slack, anything else gets the
   * sign-in page (HTML, status 200), not an error.
   */
  private serveFile(req: IncomingMessage, res: import('node:http').ServerResponse, path: string): void {
    const file = this.shared.get(path.split('/')[2] ?? '');
    this.calls.push({ method: 'file download', args: { file: file?.id, authorization: req.headers.authorization ? 'present' : 'absent' } });
    if (!file || req.headers.authorization !== `Bearer ${FAKE_TOKENS.bot}`) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!DOCTYPE html><html><body>Sign in to Slack</body></html>');
      return;
    }
    this.downloads.set(file.id, (this.downloads.get(file.id) ?? 0) + 1);
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(file.bytes.length) });
    res.end(file.bytes);
  }

  /** Slack's answer refusing a call before it does anything, or undefined when it is taken. */
  private refusal(method: string, token: string | undefined, args: Json): Json | undefined {
    const spec = SLACK_METHODS[method];
    if (!spec) return { ok: false, error: 'unknown_method' };
    if (token === undefined) return { ok: false, error: 'not_authed' };
    if (token !== FAKE_TOKENS[spec.token]) return { ok: false, error: 'invalid_auth' };
    const missing = missingArguments(spec, args);
    if (missing.length > 0) return { ok: false, error: 'invalid_arguments', response_metadata: { messages: missing.map((name) => `[ERROR] missing required field: ${name}`) } };
    return undefined;
  }

  /** Slack's error for a trigger_id, or undefined when it may open a view now (it is then spent). */
  private exchange(trigger: unknown): string | undefined {
    const issued = this.triggers.get(String(trigger));
    if (!issued) return 'invalid_trigger_id';
    if (issued.used) return 'exchanged_trigger_id';
    if (Date.now() - issued.issuedAt > TRIGGER_LIFETIME_MS) return 'expired_trigger_id';
    issued.used = true;
    return undefined;
  }

  /** A conversation the bot may write to and read: a DM or a user's id, or a channel it is in. */
  private inChannel(channel: unknown): boolean {
    const id = String(channel);
    return !/^[CG]/.test(id) || this.channels.has(id);
  }

  /** A view id Slack has not given before, with no hash yet. */
  private newView(): HeldView {
    return { id: `V${String(this.seq).padStart(10, '0')}`, hash: '' };
  }

  /** Holds a view with a fresh hash, and answers it as Slack does. */
  private hold(view: Json, held: HeldView): Json {
    held.hash = `${Date.now()}.h${++this.seq}`;
    return { ok: true, view: { ...view, id: held.id, hash: held.hash, state: { values: {} } } };
  }

  private check({ method, args }: Call): void {
    if (method.startsWith('views.') && args.view) this.problems.push(...viewProblems(args.view as Json, method));
    if (method === 'response_url' || method.startsWith('chat.')) this.problems.push(...messageProblems(args, method));
  }

  private async answer(call: Call): Promise<Json> {
    const scripted = this.responders.get(call.method);
    if (scripted && scripted.length > 0) return scripted.shift()!(call.args);
    const { method, args } = call;
    this.seq += 1;
    // A channel the bot was not invited to: Slack refuses before looking at anything else.
    const channel = SLACK_METHODS[method]?.channel;
    if (channel && args[channel] !== undefined && !this.inChannel(args[channel])) return { ok: false, error: 'not_in_channel' };
    switch (method) {
      case 'auth.test':
        return { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T0TEAM', user: 'sunshine' };
      case 'users.info': {
        const id = String(args.user);
        const name = this.names.get(id) ?? `User ${id}`;
        return {
          ok: true,
          user: { id, name: id.toLowerCase(), real_name: name, profile: { real_name: name, display_name: name }, locale: this.locales.get(id) ?? 'zh-CN' },
        };
      }
      case 'views.open':
      case 'views.push': {
        const problem = this.exchange(args.trigger_id ?? args.interactivity_pointer);
        if (problem) return { ok: false, error: problem };
        const held = this.newView();
        this.views.set(held.id, held);
        return this.hold(args.view as Json, held);
      }
      case 'views.update': {
        const held = this.views.get(String(args.view_id));
        if (!held) return { ok: false, error: 'not_found' };
        if (args.hash !== undefined && args.hash !== held.hash) return { ok: false, error: 'hash_conflict' };
        return this.hold(args.view as Json, held);
      }
      case 'views.publish': {
        const user = String(args.user_id);
        const held = this.homes.get(user) ?? this.newView();
        if (args.hash !== undefined && args.hash !== held.hash) return { ok: false, error: 'hash_conflict' };
        this.homes.set(user, held);
        return this.hold(args.view as Json, held);
      }
      case 'chat.postMessage': {
        const ts = `1700000000.${String(this.seq).padStart(6, '0')}`;
        const channel = String(args.channel);
        const message: PostedMessage = { ts, text: String(args.text ?? ''), bot_id: 'BBOT', ...(args.thread_ts ? { thread_ts: String(args.thread_ts) } : {}), ...(args.metadata ? { metadata: args.metadata as Json } : {}) };
        this.messages.set(channel, [...this.messagesIn(channel), message]);
        return { ok: true, channel, ts, message: { text: args.text } };
      }
      case 'conversations.history': {
        // Newest first, top-level messages only; metadata only when asked for, as Slack does.
        const oldest = Number(args.oldest ?? 0);
        const shown = this.messagesIn(String(args.channel))
          .filter((m) => !m.thread_ts && Number(m.ts) > oldest)
          .reverse()
          .map((m) => (args.include_all_metadata === 'true' || args.include_all_metadata === true ? m : { ...m, metadata: undefined }));
        return { ok: true, messages: shown, has_more: false };
      }
      case 'conversations.replies': {
        const parent = String(args.ts);
        const thread = this.messagesIn(String(args.channel)).filter((m) => m.ts === parent || m.thread_ts === parent);
        return { ok: true, messages: args.include_all_metadata === 'true' || args.include_all_metadata === true ? thread : thread.map((m) => ({ ...m, metadata: undefined })), has_more: false };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: `1700000000.${String(this.seq).padStart(6, '0')}` };
      case 'chat.update': {
        const message = this.messagesIn(String(args.channel)).find((m) => m.ts === String(args.ts));
        if (!message) return { ok: false, error: 'message_not_found' };
        if (args.text !== undefined) message.text = String(args.text);
        return { ok: true, channel: args.channel, ts: args.ts };
      }
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(args.users ?? '').replace(/^U/, '')}` } };
      case 'files.getUploadURLExternal': {
        const fileId = `F${String(this.seq).padStart(6, '0')}`;
        this.uploads.set(fileId, { fileId, filename: String(args.filename), bytes: undefined });
        return { ok: true, upload_url: `${this.url}/upload/${fileId}`, file_id: fileId };
      }
      case 'files.completeUploadExternal':
        return { ok: true, files: ((args.files as Json[]) ?? []).map((f) => ({ id: f.id, title: f.title })) };
      case 'files.info': {
        const file = this.shared.get(String(args.file));
        if (!file) return { ok: false, error: 'file_not_found' };
        const url = `${this.url}/files-pri/${file.id}/${encodeURIComponent(file.name)}`;
        return { ok: true, file: { id: file.id, name: file.name, size: file.bytes.length, url_private: url, url_private_download: `${url}?download=1` } };
      }
      case 'apps.connections.open':
        return { ok: true, url: this.socketUrl };
      case 'response_url':
      case 'upload':
        return { ok: true };
      default:
        throw new Error(`the fake Slack lists ${method} in slack-methods.ts but does not answer it`);
    }
  }
}
