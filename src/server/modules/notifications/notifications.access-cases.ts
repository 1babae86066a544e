import { defineAccessCases, type MatrixKit } from '../../../../test/access-matrix/kit.js';
import type { Client } from '../../../../test/app.js';
import { notify } from './notify.js';

/**
 * A new unread notification of the client's own (the target's account's for an anonymous caller): the routes act
 * on one's own inbox only, so there is nothing inside or outside a subtree to try.
 */
async function ownNotification(kit: MatrixKit, c: Client, fallbackUserId: number, n: number): Promise<number> {
  const db = kit.t.database.db;
  const userId = c.userId ?? fallbackUserId;
  await notify(db, { userIds: [userId], kind: 'test', title: `矩阵通知${n}`, link: '/reviews' });
  const row = await db.selectFrom('notifications').select('id').where('recipient_id', '=', userId).orderBy('id', 'desc').executeTakeFirstOrThrow();
  return Number(row.id);
}

/** The inbox routes in the authorization matrix (test/access-matrix.test.ts). */
export default defineAccessCases({
  routes: [
    { method: 'GET', url: '/api/v1/notifications', permission: 'notification.read', placed: false, request: (c) => c.get('/api/v1/notifications?filter=unread') },
    { method: 'GET', url: '/api/v1/notifications/count', permission: 'notification.read', placed: false, request: (c) => c.get('/api/v1/notifications/count') },
    // Marking read changes the notification: one audit record (notification.read / notification.read_all).
    {
      method: 'POST',
      url: '/api/v1/notifications/:id/read',
      permission: 'notification.read',
      placed: false,
      request: async (c, target, n, kit) => c.post(`/api/v1/notifications/${await ownNotification(kit, c, target.userId, n)}/read`),
    },
    {
      method: 'POST',
      url: '/api/v1/notifications/read-all',
      permission: 'notification.read',
      placed: false,
      request: async (c, target, n, kit) => {
        await ownNotification(kit, c, target.userId, n);
        return c.post('/api/v1/notifications/read-all');
      },
    },
  ],
});
