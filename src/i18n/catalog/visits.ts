// Strings of the visits feature (src/features/visits).
export const zh = {} as const;

export const en: Record<keyof typeof zh, string> = {};
