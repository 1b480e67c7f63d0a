// Signed requests into the app's HTTP endpoint, exactly as Slack sends them.
import { createHmac } from 'node:crypto';
import { request } from 'node:http';

export interface HttpAnswer {
  status: number;
  text: string;
  json: () => any;
}

export function signature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SignOptions {
  secret: string;
  /** Seconds since the epoch; defaults to now. */
  timestamp?: number;
  /** Replaces the computed signature (to test forgeries). */
  signature?: string;
  /** Events API callbacks are JSON; commands and interactions are form-encoded (default). */
  contentType?: string;
}

/** POSTs a body (form-encoded unless told) to /slack/events with Slack's signature headers. */
export function postSigned(port: number, body: string, options: SignOptions): Promise<HttpAnswer> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/slack/events',
        method: 'POST',
        // A fresh connection each time: a kept-alive socket the bot's server closed while this
        // thread was busy (PGlite runs here) would otherwise be reused and reset (ECONNRESET).
        agent: false,
        headers: {
          'content-type': options.contentType ?? 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
          'x-slack-request-timestamp': String(timestamp),
          'x-slack-signature': options.signature ?? signature(options.secret, timestamp, body),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text, json: () => (text ? JSON.parse(text) : undefined) }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

export function interactionBody(payload: unknown): string {
  return form({ payload: JSON.stringify(payload) });
}
