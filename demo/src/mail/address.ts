/** The display name of an address like `Ada Lovelace <ada@example>` (the address itself when it has none). */
export const senderName = (from: string): string => from.replace(/\s*<.*>$/, '') || from;
