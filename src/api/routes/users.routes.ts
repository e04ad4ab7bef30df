import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../errors/index.js';
import { deleteSessionsOfUser, findUserByEmail, insertUser, listUsers, updateUser } from '../../store/index.js';
import { principalOf } from '../auth.js';
import type { AppDeps } from '../deps.js';
import { hashPassword, maxPasswordLength, minPasswordLength } from '../password.js';
import type { roles } from '../permissions.js';
import { parseOrThrow } from './parse.js';

const userRoles = ['viewer', 'analyst', 'lead', 'admin'] as const satisfies readonly (typeof roles)[number][];
const password = z.string().min(minPasswordLength, { error: `at least ${minPasswordLength} characters` }).max(maxPasswordLength);
const createBody = z.object({
  email: z.email().max(320),
  name: z.string().min(1).max(200),
  role: z.enum(userRoles),
  password: password.optional(),
});
const changeBody = z
  .object({ role: z.enum(userRoles).optional(), name: z.string().min(1).max(200).optional(), password: password.optional(), disabled: z.boolean().optional() })
  .refine((b) => Object.keys(b).length > 0, { error: 'change at least one of role, name, password, disabled' });
const idParams = z.object({ id: z.uuid() });

const userSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    email: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string' },
    createdAt: { type: 'string' },
    disabledAt: { type: 'string', nullable: true },
  },
} as const;

const view = (u: { id: string; email: string; name: string; role: string; createdAt: number; disabledAt: number | null }) => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  createdAt: new Date(u.createdAt).toISOString(),
  disabledAt: u.disabledAt === null ? null : new Date(u.disabledAt).toISOString(),
});

/**
 * Console users (admin only). Every change is audited and a change of role, password or
 * disabled state ends the user's sessions, so a demoted user does not keep old rights.
 */
export function usersRoutes(deps: AppDeps) {
  return (app: FastifyInstance): Promise<void> => {
    app.get(
      '/api/v1/users',
      { config: { permission: 'users:admin' }, schema: { summary: 'List console users', tags: ['users'], response: { 200: { type: 'object', properties: { users: { type: 'array', items: userSchema } } } } } },
      async () => ({ users: (await listUsers(deps.database.db)).map(view) }),
    );

    app.post(
      '/api/v1/users',
      { config: { permission: 'users:admin' }, schema: { summary: 'Create a console user', tags: ['users'], response: { 201: userSchema } } },
      async (req, reply) => {
        const body = parseOrThrow(createBody, req.body, 'body');
        if (await findUserByEmail(deps.database.db, body.email)) throw new AppError('CONFLICT', `A user with email ${body.email.toLowerCase()} exists already.`);
        const user = await insertUser(
          deps.database.db,
          { email: body.email, name: body.name, role: body.role, passwordHash: body.password ? await hashPassword(body.password) : null },
          deps.now(),
        );
        await deps.audit?.record({ at: deps.now(), actor: principalOf(req).actor, action: 'user.created', target: { type: 'user', id: user.id }, details: { email: user.email, role: user.role } });
        return reply.status(201).send(view(user));
      },
    );

    app.patch(
      '/api/v1/users/:id',
      { config: { permission: 'users:admin' }, schema: { summary: "Change a user's role, name, password or disabled state", tags: ['users'], response: { 200: userSchema } } },
      async (req) => {
        const { id } = parseOrThrow(idParams, req.params, 'path');
        const body = parseOrThrow(changeBody, req.body, 'body');
        const now = deps.now();
        const user = await updateUser(deps.database.db, id, {
          ...(body.role !== undefined ? { role: body.role } : {}),
          ...(body.name !== undefined ? { name: body.name } : {}),
          ...(body.password !== undefined ? { passwordHash: await hashPassword(body.password) } : {}),
          ...(body.disabled !== undefined ? { disabledAt: body.disabled ? now : null } : {}),
        });
        if (!user) throw new AppError('NOT_FOUND', `No user ${id}.`);
        const endedSessions = body.role !== undefined || body.password !== undefined || body.disabled === true ? await deleteSessionsOfUser(deps.database.db, id) : 0;
        await deps.audit?.record({
          at: now,
          actor: principalOf(req).actor,
          action: 'user.changed',
          target: { type: 'user', id },
          details: { ...(body.role !== undefined ? { role: body.role } : {}), ...(body.name !== undefined ? { name: body.name } : {}), passwordChanged: body.password !== undefined, ...(body.disabled !== undefined ? { disabled: body.disabled } : {}), endedSessions },
        });
        return view(user);
      },
    );
    return Promise.resolve();
  };
}
