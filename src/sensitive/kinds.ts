/** The kind of sensitive data found. */
export type SensitiveKind = 'password' | 'secret' | 'api_key' | 'token' | 'ssn' | 'cvv' | 'pin' | 'card_number';
