export declare const WEBCHAT_VERSION: string;
/** Path of Web Chat's browser bundle under node_modules/.cache/rapport-webchat/. */
export declare const WEBCHAT_BUNDLE: string;
/** Fetches the bundle from the npm registry once (integrity-checked); returns its path. */
export declare function ensureWebChatBundle(): string;
