// private_metadata round trip. What comes back is untrusted (a forged payload can say anything),
// so it is parsed with a zod schema and anything else is treated as absent.
import type { z } from 'zod';

export function encodeMetadata(value: unknown): string {
  return JSON.stringify(value);
}

export function decodeMetadata<S extends z.ZodType>(schema: S, text: string | undefined): z.output<S> | undefined {
  if (!text) return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
