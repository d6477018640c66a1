import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  hkdfSync,
  type KeyObject,
  randomBytes,
  sign,
  verify,
} from 'node:crypto';

/**
 * Ed25519 with node:crypto and nothing else: keys as SPKI DER in base64 (what the council
 * stores and shows), private keys as PKCS#8 PEM (what `council keygen` writes), signatures as
 * base64. A key's id is its fingerprint, so that an id can never be re-pointed at another key.
 */

export const sha256Hex = (data: string | Buffer): string =>
  createHash('sha256').update(data).digest('hex');

/** `ed25519:` and the first 32 hex digits of the SHA-256 of the key's SPKI DER. */
export function keyIdOf(publicKeyDer: string): string {
  return `ed25519:${sha256Hex(Buffer.from(publicKeyDer, 'base64')).slice(0, 32)}`;
}

/**
 * The SPKI DER (base64) of an Ed25519 public key given as SPKI PEM or base64 DER; null when it
 * is neither, or another kind of key.
 */
export function parsePublicKey(input: string): string | null {
  const text = input.trim();
  try {
    const key = text.startsWith('-----BEGIN')
      ? createPublicKey({ key: text, format: 'pem' })
      : /^[A-Za-z0-9+/=\s]+$/.test(text)
        ? createPublicKey({ key: Buffer.from(text, 'base64'), format: 'der', type: 'spki' })
        : null;
    if (key === null || key.asymmetricKeyType !== 'ed25519') return null;
    return (key.export({ format: 'der', type: 'spki' }) as Buffer).toString('base64');
  } catch {
    return null;
  }
}

export function publicKeyObject(publicKeyDer: string): KeyObject {
  return createPublicKey({ key: Buffer.from(publicKeyDer, 'base64'), format: 'der', type: 'spki' });
}

export interface KeyPair {
  /** SPKI DER, base64. */
  publicKey: string;
  privateKey: KeyObject;
}

export function generateKeyPair(): KeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    publicKey: (publicKey.export({ format: 'der', type: 'spki' }) as Buffer).toString('base64'),
    privateKey,
  };
}

export const privateKeyPem = (key: KeyObject): string =>
  key.export({ format: 'pem', type: 'pkcs8' }) as string;

export const publicKeyPem = (publicKeyDer: string): string =>
  publicKeyObject(publicKeyDer).export({ format: 'pem', type: 'spki' }) as string;

/** A key pair from a PKCS#8 PEM private key; null when it is not an Ed25519 one. */
export function keyPairFromPem(pem: string): KeyPair | null {
  try {
    const privateKey = createPrivateKey({ key: pem, format: 'pem' });
    if (privateKey.asymmetricKeyType !== 'ed25519') return null;
    const publicKey = createPublicKey(privateKey).export({ format: 'der', type: 'spki' }) as Buffer;
    return { publicKey: publicKey.toString('base64'), privateKey };
  } catch {
    return null;
  }
}

/** The signature of a SHA-256 digest (given in hex): Ed25519 over its 32 bytes. */
export function signDigest(privateKey: KeyObject, digestHex: string): string {
  return sign(null, Buffer.from(digestHex, 'hex'), privateKey).toString('base64');
}

/** Whether `signature` is `publicKeyDer`'s signature of the digest; false for any malformed input. */
export function verifyDigest(publicKeyDer: string, digestHex: string, signature: string): boolean {
  if (!/^[0-9a-f]{64}$/.test(digestHex)) return false;
  // Node decodes base64 leniently (stray characters, unused bits set): only the one canonical
  // spelling of the 64 bytes counts, so that a signature, and a bundle, is one string only.
  const bytes = Buffer.from(signature, 'base64');
  if (bytes.length !== 64 || bytes.toString('base64') !== signature) return false;
  try {
    return verify(null, Buffer.from(digestHex, 'hex'), publicKeyObject(publicKeyDer), bytes);
  } catch {
    return false;
  }
}

/** The key that seals the private keys the server holds, derived from the council secret. */
export function sealKeyOf(secret: string): Buffer {
  return Buffer.from(
    hkdfSync('sha256', secret, 'joint-council', 'party-key-seal/1', 32) as ArrayBuffer,
  );
}

/** A private key sealed with AES-256-GCM: `v1:` and base64 of iv, tag and ciphertext. */
export function sealPrivateKey(sealKey: Buffer, key: KeyObject): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealKey, iv);
  const der = key.export({ format: 'der', type: 'pkcs8' }) as Buffer;
  const body = Buffer.concat([cipher.update(der), cipher.final()]);
  return `v1:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
}

/** The private key a seal holds; null when the seal is not this secret's (or was altered). */
export function unsealPrivateKey(sealKey: Buffer, sealed: string): KeyObject | null {
  if (!sealed.startsWith('v1:')) return null;
  try {
    const raw = Buffer.from(sealed.slice(3), 'base64');
    const decipher = createDecipheriv('aes-256-gcm', sealKey, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    const der = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } catch {
    return null;
  }
}
