// Strings of the clients feature (src/features/clients).
export const zh = {} as const;

export const en: Record<keyof typeof zh, string> = {};
