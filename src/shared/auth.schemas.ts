import { z } from 'zod';
import { PartyIdSchema, RoleSchema } from './common.schemas.ts';

export const CredentialsSchema = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(1024),
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
  disabledAt: z.string().nullable(),
  createdAt: z.string(),
});
export type User = z.infer<typeof UserSchema>;

export const CreateUserSchema = z.strictObject({
  username: UsernameSchema,
  displayName: z.string().max(200).optional(),
  password: z.string().max(1024),
  roles: z.array(RoleSchema).min(1).max(4),
  party: PartyIdSchema.optional().describe(
    "Defaults to the admin's own party; no other is allowed.",
  ),
});
export type CreateUserInput = z.infer<typeof CreateUserSchema>;

export const UpdateUserSchema = z.strictObject({
  displayName: z.string().max(200).nullable().optional(),
  roles: z.array(RoleSchema).min(1).max(4).optional(),
  disabled: z.boolean().optional(),
  password: z.string().max(1024).optional(),
});
export type UpdateUserInput = z.infer<typeof UpdateUserSchema>;

export const MeSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string().nullable(),
  party: z.object({ id: z.string(), name: z.string() }),
  roles: z.array(RoleSchema),
});

export const SessionSchema = z.object({
  user: MeSchema,
  csrfToken: z.string().describe('Send as the x-csrf-token header on state-changing requests.'),
  expiresAt: z.string(),
});

export const TokenSchema = z.object({ token: z.string(), expiresAt: z.string() });
