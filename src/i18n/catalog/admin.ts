// Strings of the admin feature (src/features/admin).
export const zh = {} as const;

export const en: Record<keyof typeof zh, string> = {};
