/** The desktop viewport the tests and screenshots use unless they ask for another. */
export const DESKTOP = { width: 1440, height: 900 } as const;
/** A phone (iPhone 12–15 sized). */
export const PHONE = { width: 390, height: 844 } as const;
