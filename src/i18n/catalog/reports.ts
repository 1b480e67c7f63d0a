// Strings of the reports feature (src/features/reports).
export const zh = {} as const;

export const en: Record<keyof typeof zh, string> = {};
