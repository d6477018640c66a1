import { z } from 'zod';
import { IdSchema, PartyIdSchema } from './common.schemas.ts';

export const KeyIdSchema = z
  .string()
  .regex(/^ed25519:[0-9a-f]{32}$/, 'a key id such as ed25519:0123456789abcdef0123456789abcdef')
  .describe("A key's id: ed25519: and the start of the SHA-256 of its SPKI DER.");

export const PartyKeyKindSchema = z
  .enum(['party', 'server-held', 'reference', 'server'])
  .describe(
    "party: registered by the party, which alone holds its private key; server-held: generated and held (sealed) by the server for the party; reference: signs texts reconstructed from public sources, never a party's own key; server: the server's key for system events.",
  );

export const PartyKeySchema = z.object({
  id: KeyIdSchema,
  party: z.string().nullable(),
  kind: PartyKeyKindSchema,
  publicKey: z.string().describe('Ed25519 public key, SPKI DER in base64.'),
  publicKeyPem: z.string().describe('The same key as SPKI PEM.'),
  note: z.string().nullable(),
  registeredAt: z.string(),
  retiredAt: z.string().nullable(),
});
export type PartyKey = z.infer<typeof PartyKeySchema>;

export const PartyKeyListSchema = z.object({ items: z.array(PartyKeySchema) });

export const PartyKeysParamsSchema = z.strictObject({ party: PartyIdSchema });
export const PartyKeyParamsSchema = z.strictObject({ party: PartyIdSchema, keyId: KeyIdSchema });

export const RegisterKeySchema = z
  .strictObject({
    publicKey: z
      .string()
      .min(1)
      .max(4000)
      .optional()
      .describe('The Ed25519 public key: SPKI PEM or base64 SPKI DER (council keygen writes one).'),
    serverHeld: z
      .literal(true)
      .optional()
      .describe('Instead of a public key: the server generates and holds a key for the party.'),
    note: z.string().trim().max(500).optional(),
  })
  .refine((body) => (body.publicKey === undefined) !== (body.serverHeld === undefined), {
    message: 'give either publicKey or serverHeld: true',
    path: ['publicKey'],
  })
  // A whole request: the fields alone cannot show that a body takes one of the two.
  .meta({ examples: [{ serverHeld: true }] });
export type RegisterKeyInput = z.infer<typeof RegisterKeySchema>;

export const RetireKeySchema = z.strictObject({}).nullish();

export const SignatureInputSchema = z
  .strictObject({
    keyId: KeyIdSchema.optional(),
    signature: z
      .string()
      .regex(/^[A-Za-z0-9+/]{86}==$/, 'an Ed25519 signature in base64 (88 characters)')
      .optional()
      .describe("Ed25519 over the 32 bytes of the record's SHA-256, as council sign writes it."),
    serverHeld: z
      .literal(true)
      .optional()
      .describe("Sign with the key the server holds for the caller's party."),
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lowercase hex (64 characters)')
      .optional()
      .describe(
        "The record's SHA-256 as the chair read it: required with serverHeld (VersionRequired without it), so that the server signs only what was read (StaleVersion otherwise); checked when given with a signature.",
      ),
  })
  .refine(
    (body) =>
      body.serverHeld === true
        ? body.keyId === undefined && body.signature === undefined
        : body.keyId !== undefined && body.signature !== undefined,
    { message: 'give keyId and signature, or serverHeld: true', path: ['signature'] },
  )
  .meta({
    examples: [
      {
        serverHeld: true,
        sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      },
    ],
  });
export type SignatureInput = z.infer<typeof SignatureInputSchema>;

export const TextSignatureSchema = z.object({
  party: z.string(),
  keyId: z.string(),
  keyKind: PartyKeyKindSchema,
  signature: z.string(),
  at: z.string(),
  valid: z
    .boolean()
    .describe("Verified now against the key registered, over the record's SHA-256."),
});

export type TextSignature = z.infer<typeof TextSignatureSchema>;

export const SignaturesSummarySchema = z.object({
  signatures: z.array(TextSignatureSchema),
  signedBy: z
    .array(z.string())
    .describe(
      "Parties whose signature verifies with a key of the party's own (not a reference key).",
    ),
  signedByBoth: z.boolean().describe('Every party has such a signature.'),
});

export const AdoptionRecordSchema = SignaturesSummarySchema.extend({
  textId: IdSchema,
  canonical: z.string().describe('The adoption record, RFC 8785 canonical JSON.'),
  sha256: z.string().describe('The SHA-256 of canonical, in hex: what each party signs.'),
  at: z.string(),
});
export type AdoptionRecord = z.infer<typeof AdoptionRecordSchema>;

export const RecordLogQuerySchema = z.strictObject({
  audience: z
    .union([
      z.enum(['public', 'joint']),
      z.string().regex(/^caucus:[a-z][a-z0-9-]{1,31}$/, 'public, joint or caucus:<party>'),
    ])
    .describe("The chain to read: public, joint, or the caller's own party's caucus:<party>."),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z
    .string()
    .regex(/^\d{1,15}$/, 'the nextCursor of the page before')
    .optional()
    .describe('The entries after this one (its seq), as nextCursor gives it.'),
});
export type RecordLogQuery = z.infer<typeof RecordLogQuerySchema>;

export const RecordLogEntrySchema = z.object({
  audience: z.string(),
  seq: z.number().int(),
  at: z.string(),
  kind: z.string().describe('<entity>.<action>: a record event.'),
  entityType: z.string(),
  entityId: z.string(),
  payload: z.string().describe('RFC 8785 canonical JSON.'),
  prevHash: z.string(),
  hash: z
    .string()
    .describe('SHA-256 of prevHash followed by the canonical entry (every field above).'),
  signerKeyId: z.string().nullable(),
  signature: z.string().nullable().describe('Ed25519 over the 32 bytes of hash, base64.'),
});
