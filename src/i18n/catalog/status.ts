// Strings of the status feature (src/features/status).
export const zh = {} as const;

export const en: Record<keyof typeof zh, string> = {};
