export { decodeSigningSecret, generateSigningSecret, SIGNING_SECRET_PREFIX } from './secret.js';
export { signRequest, type SignatureHeaders } from './sign.js';
export { verifyContextRequest, DEFAULT_SIGNATURE_TOLERANCE_SEC } from './verify.js';
export type { IncomingHeaders, VerifiedContextRequest, VerifyContextRequestOptions } from './verify.js';
