/** When the extension's modules began to load: imported first by extension.ts, to log how long loading took. */
export const loadStart = Date.now();
