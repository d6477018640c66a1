import { z } from 'zod';
import { PartyIdSchema, RoleSchema } from './common.schemas.ts';
import { CONFIRMED_ROLES, ROLE_GRANT_KINDS, ROLE_GRANT_STATUSES } from './vocabularies.ts';

/**
 * A sign-in names the party: usernames are unique within a party only. Party and username are
 * taken as typed (no pattern), so that a wrong party is answered exactly like a wrong password.
 */
export const CredentialsSchema = z.strictObject({
  party: z.string().min(1).max(64).describe('The party the account belongs to, e.g. nato.'),
  // No username holds `#`, which names a device's own count of attempts (countSignInAttempt).
  username: z
    .string()
    .min(1)
    .max(64)
    .refine((name) => !name.includes('#'), 'no username holds #'),
  password: z.string().min(1).max(1024),
  deviceProof: z
    .string()
    .max(1024)
    .optional()
    .describe(
      'The deviceProof a token sign-in answered (browsers send the council_device cookie instead): attempts from a device that signed in before count apart from the account, so failures elsewhere do not lock it out.',
    ),
});
export type Credentials = z.infer<typeof CredentialsSchema>;

export const UsernameSchema = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9._-]{2,63}$/,
    '3 to 64 lower-case letters, digits, dot, dash or underscore',
  );

export const UserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string().nullable(),
  party: z.string(),
  roles: z.array(RoleSchema),
  pendingRoles: z
    .array(RoleSchema)
    .describe('Roles an admin asked for that a second admin of the party has yet to confirm.'),
  pendingPasswordReset: z
    .boolean()
    .describe('A reset of this chair or admin password awaits a second admin.'),
  mustChangePassword: z
    .boolean()
    .describe('The password was chosen by an admin: the next sign-in must choose a new one.'),
  clearance: z.string().describe("The highest marking of the council's scheme the user may read."),
  delegationId: z
    .string()
    .nullable()
    .describe('The delegation of its party the user belongs to (it breaks silence for it).'),
  disabledAt: z.string().nullable(),
  createdAt: z.string(),
});
export type User = z.infer<typeof UserSchema>;

export const CreateUserSchema = z.strictObject({
  username: UsernameSchema,
  displayName: z.string().max(200).optional(),
  password: z.string().max(1024),
  roles: z
    .array(RoleSchema)
    .min(1)
    .max(4)
    .describe('chair and admin wait for a second admin of the party (pendingRoles).'),
  party: PartyIdSchema.optional().describe(
    "Defaults to the admin's own party; no other is allowed.",
  ),
});
export type CreateUserInput = z.infer<typeof CreateUserSchema>;

export const UpdateUserSchema = z.strictObject({
  displayName: z.string().max(200).nullable().optional(),
  roles: z
    .array(RoleSchema)
    .min(1)
    .max(4)
    .optional()
    .describe(
      'The roles the user should hold. Never your own; chair and admin wait for a second admin.',
    ),
  disabled: z.boolean().optional(),
  clearance: z
    .string()
    .min(1)
    .max(60)
    .optional()
    .describe('The highest marking the user may read (a classification id). Never your own.'),
  delegationId: z
    .string()
    .min(1)
    .max(100)
    .nullable()
    .optional()
    .describe(
      "The delegation of the user's party it belongs to, for which it may break a caucus silence; null for none.",
    ),
  password: z
    .string()
    .max(1024)
    .optional()
    .describe(
      'A reset: the user must choose a new password at its next sign-in. Of a chair or admin, it waits for a second admin.',
    ),
});
export type UpdateUserInput = z.infer<typeof UpdateUserSchema>;

const UserRefSchema = z.object({ id: z.string(), username: z.string() });

export const MeSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string().nullable(),
  party: z.object({ id: z.string(), name: z.string() }),
  roles: z.array(RoleSchema),
  pendingRoles: z.array(RoleSchema),
  mustChangePassword: z
    .boolean()
    .describe('Until you choose a new password (POST /api/me/password), nothing else is allowed.'),
  passwordReset: z
    .object({
      at: z.string(),
      byParty: z.string(),
      by: UserRefSchema.nullable().describe('The admin who reset it; null: the operator.'),
      confirmedBy: UserRefSchema.nullable().describe(
        'The second admin, when your roles needed one.',
      ),
    })
    .nullable()
    .describe('The last time an admin reset your password.'),
});
export type Me = z.infer<typeof MeSchema>;

export const SessionSchema = z.object({
  user: MeSchema,
  csrfToken: z.string().describe('Send as the x-csrf-token header on state-changing requests.'),
  expiresAt: z.string(),
});

export const TokenSchema = z.object({
  token: z.string(),
  expiresAt: z.string(),
  mustChangePassword: z
    .boolean()
    .describe('The token can do nothing but POST /api/me/password until you choose a password.'),
  deviceProof: z
    .string()
    .describe('Send it with the next sign-in from this machine (deviceProof): valid 180 days.'),
});

export const ChangePasswordSchema = z.strictObject({
  currentPassword: z
    .string()
    .max(1024)
    .optional()
    .describe('Required, unless an admin set the password and it must be changed now.'),
  newPassword: z.string().max(1024),
});
export type ChangePasswordInput = z.infer<typeof ChangePasswordSchema>;

export const RoleGrantSchema = z.object({
  id: z.string(),
  kind: z.enum(ROLE_GRANT_KINDS),
  user: UserRefSchema,
  role: z.enum(CONFIRMED_ROLES).nullable().describe('null for a password reset'),
  requestedBy: UserRefSchema,
  requestedAt: z.string(),
  status: z.enum(ROLE_GRANT_STATUSES),
  decidedBy: UserRefSchema.nullable(),
  decidedAt: z.string().nullable(),
});
export type RoleGrant = z.infer<typeof RoleGrantSchema>;
