/**
 * Channels end to end on the engine chosen by TEST_DB: the office's robot endpoints (permissions, masking, encryption
 * at rest), queueDeliveries → `notify.deliver` jobs run by the real job queue → an e-mail received by a real SMTP
 * server and robot posts (企业微信, 钉钉 with a valid sign) at a real HTTP receiver; a failing receiver retried then
 * failed and visible to the office; a job run twice sends once; nothing queued without configuration.
 */
import { createHmac } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCryptoProvider } from '../crypto/provider';
import type { DbHandle } from '../db/connect';
import { createJobs, type Jobs } from '../jobs';
import { notifyDeliver } from '../jobs/handlers/notify-deliver';
import { closeMailTransport } from '../notify/email';
import { configureNotify, resetNotify } from '../notify/settings';
import { LogSmsSender } from '../notify/sms';
import { startHttpReceiver, startSmtpServer } from '../notify/testing';
import { deliverOne } from '../services/notify/deliver';
import { DELIVERY_MAX_ATTEMPTS, queueDeliveries } from '../services/notify/queue';
import { seedDataset } from '../services/seed-dataset';
import { smallDataset } from '../test/fixture';
import { as, loginAs, type Session } from '../test/test-app';
import { createTestDb, TEST_ENGINE } from '../test/test-db';
import { buildApp } from './app';

const crypto = createCryptoProvider('standard', 'ab'.repeat(32));
const PUBLIC = 'https://ss.example.gov.cn';
const NOW = new Date('2026-10-10T01:00:00.000Z');

async function until(what: string, cond: () => Promise<boolean>, timeoutMs = 30_000) {
  const t0 = Date.now();
  while (!(await cond())) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe(`notification channels (${TEST_ENGINE})`, () => {
  let h: DbHandle;
  let app: FastifyInstance;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let rx: Awaited<ReturnType<typeof startHttpReceiver>>;
  let sup: Session;
  let repa: Session;
  let sup2: Session;
  let seq = 0;
  const jobs: Jobs[] = [];

  const smtpConfig = () => ({
    host: '127.0.0.1',
    port: smtp.port,
    secure: false,
    user: null,
    pass: null,
    from: '实事系统 <noreply@example.gov.cn>',
    rejectUnauthorized: false,
  });

  /** An in-app notification as H5's evaluation writes it. */
  async function notification(userId: string, orgId: string | null, key: string, o: { title?: string } = {}) {
    const id = `n-${++seq}`;
    await h.db
      .insertInto('notifications')
      .values({
        id,
        userId,
        kind: 'chase',
        level: 'info',
        title: o.title ?? '东湖街道：2026年第三季度进展尚未报送',
        body: '“加装电梯”项目的2026年第三季度进展应于2026-10-08前报送，已逾期2天。',
        link: '/reports/rep-q2-1',
        programmeId: 'prog',
        roundId: 'r-q2',
        reportId: 'rep-q2-1',
        orgId,
        idempotencyKey: key,
        createdAt: NOW.toISOString(),
        readAt: null,
      })
      .execute();
    return id;
  }
  const queue = (ids: string[]) => h.db.transaction().execute((trx) => queueDeliveries(trx, ids, NOW));
  const deliveriesOf = (ids: string[]) =>
    h.db
      .selectFrom('notificationDeliveries')
      .selectAll()
      .where('notificationId', 'in', ids)
      .orderBy('notificationId')
      .orderBy('channel')
      .execute();
  const deliverJobs = async () => {
    if (TEST_ENGINE === 'sqlite')
      return Number(
        (
          await h.db
            .selectFrom('jobs')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('name', '=', 'notify.deliver')
            .executeTakeFirstOrThrow()
        ).n,
      );
    return -1; // graphile-worker's own tables: counted by the deliveries' outcome instead
  };
  const createHook = async (s: Session, body: Record<string, unknown>, programme = 'prog') =>
    app.inject({ method: 'POST', url: `/api/programmes/${programme}/webhooks`, headers: as(s), payload: body });

  beforeAll(async () => {
    h = await createTestDb();
    await seedDataset(h.db, smallDataset());
    app = await buildApp({ db: h.db, loginRateMax: 1000, strictResponses: true, security: { crypto } });
    smtp = await startSmtpServer();
    rx = await startHttpReceiver();
    // repa's address encrypted (DATA_KEY set), repb's stored in clear (written before a key was configured).
    await h.db
      .updateTable('users')
      .set({ email: crypto.encryptField('repa@example.com', 'users.email') })
      .where('id', '=', 'u-a')
      .execute();
    await h.db.updateTable('users').set({ email: 'repb@example.com' }).where('id', '=', 'u-b').execute();
    sup = await loginAs(app, 'sup');
    repa = await loginAs(app, 'repa');
    sup2 = await loginAs(app, 'sup2');
  });
  afterEach(async () => {
    while (jobs.length) await jobs.pop()!.stop();
    resetNotify();
    rx.answerWith(() => ({ status: 200, body: '{"errcode":0,"errmsg":"ok"}' }));
  });
  afterAll(async () => {
    closeMailTransport();
    await smtp.close();
    await rx.close();
    await app.close();
    await h.close();
  });

  it('queues nothing when no channel is configured: the in-app notice alone', async () => {
    const n = await notification('u-a', 'org-a', 'k-none');
    expect(await queue([n])).toBe(0);
    expect(await deliveriesOf([n])).toEqual([]);
    if (TEST_ENGINE === 'sqlite') expect(await deliverJobs()).toBe(0);
  });

  it('lets the office manage robots: masked, encrypted at rest, audited; reporters 403, another district 404', async () => {
    const wecomUrl = `${rx.url}/cgi-bin/webhook/send?key=693a91f6-7aaa-4bc4-97a0-0ec2sifa5bbb`;
    const res = await createHook(sup, { scope: 'programme', kind: 'wecom', name: '实事专班群', url: wecomUrl });
    expect(res.statusCode, res.body).toBe(201);
    const hook = res.json();
    expect(hook).toMatchObject({
      scope: 'programme',
      kind: 'wecom',
      kindLabel: '企业微信群机器人',
      name: '实事专班群',
      hasSecret: false,
      encrypted: true,
      active: true,
    });
    expect(hook.urlMasked).toBe(`${rx.url}/cgi-bin/webhook/send?key=693a…5bbb`);
    expect(res.body).not.toContain('693a91f6-7aaa');
    const stored = await h.db
      .selectFrom('notifyWebhooks')
      .selectAll()
      .where('id', '=', hook.id)
      .executeTakeFirstOrThrow();
    expect(stored.url.startsWith('enc:')).toBe(true);
    expect(crypto.decryptField(stored.url, 'notify_webhooks.url')).toBe(wecomUrl);
    const audit = await h.db.selectFrom('auditLog').selectAll().where('entityId', '=', hook.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['notify.webhook.create']);
    expect(JSON.stringify(audit)).not.toContain('693a91f6-7aaa');

    // A unit's 钉钉 robot with its 加签 secret.
    const ding = await createHook(sup, {
      scope: 'unit',
      orgId: 'org-a',
      kind: 'dingtalk',
      url: `${rx.url}/robot/send?access_token=tok-org-a-0123456789`,
      secret: 'SECorgA-secret',
    });
    expect(ding.statusCode, ding.body).toBe(201);
    expect(ding.json()).toMatchObject({ name: '东湖街道钉钉群机器人', orgName: '东湖街道', hasSecret: true });

    // Refusals in Chinese.
    const wecomSecret = await createHook(sup, { scope: 'programme', kind: 'wecom', url: wecomUrl, secret: 'x' });
    expect(wecomSecret.statusCode).toBe(400);
    expect(wecomSecret.json().error.message).toContain('企业微信群机器人不使用加签密钥');
    const foreignUnit = await createHook(sup, { scope: 'unit', orgId: 'org-x', kind: 'wecom', url: wecomUrl });
    expect(foreignUnit.statusCode).toBe(400);
    expect(foreignUnit.json().error.message).toBe('所选单位不是本计划的责任单位');
    const badUrl = await createHook(sup, { scope: 'programme', kind: 'wecom', url: 'ftp://x' });
    expect(badUrl.statusCode).toBe(400);
    expect(badUrl.json().error.message).toContain('机器人地址应为 http:// 或 https:// 开头的网址');

    // The list: masked, with the programme's units and the server's channels.
    const list = await app.inject({ method: 'GET', url: '/api/programmes/prog/webhooks', headers: as(sup) });
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toHaveLength(2);
    expect(
      list
        .json()
        .units.map((u: { id: string }) => u.id)
        .sort(),
    ).toEqual(['org-a', 'org-b', 'org-c']);
    expect(list.json().channels).toEqual({ email: false, sms: false });
    expect(list.body).not.toContain('tok-org-a-0123456789');
    expect(list.body).not.toContain('SECorgA');

    // Reporter: 403; the other district's office: 404 everywhere.
    expect(
      (await app.inject({ method: 'GET', url: '/api/programmes/prog/webhooks', headers: as(repa) })).statusCode,
    ).toBe(403);
    expect((await createHook(repa, { scope: 'programme', kind: 'wecom', url: wecomUrl })).statusCode).toBe(403);
    expect(
      (await app.inject({ method: 'GET', url: '/api/programmes/prog/webhooks', headers: as(sup2) })).statusCode,
    ).toBe(404);
    expect((await createHook(sup2, { scope: 'programme', kind: 'wecom', url: wecomUrl })).statusCode).toBe(404);
    for (const [method, url, payload] of [
      ['PUT', `/api/webhooks/${hook.id}`, { name: 'x' }],
      ['POST', `/api/webhooks/${hook.id}/active`, { active: false }],
      ['POST', `/api/webhooks/${hook.id}/test`, {}],
    ] as const) {
      expect((await app.inject({ method, url, headers: as(sup2), payload })).statusCode).toBe(404);
      expect((await app.inject({ method, url, headers: as(repa), payload })).statusCode).toBe(403);
    }
    expect(
      (await app.inject({ method: 'GET', url: '/api/programmes/prog/deliveries', headers: as(repa) })).statusCode,
    ).toBe(403);
    expect(
      (await app.inject({ method: 'GET', url: '/api/programmes/prog/deliveries', headers: as(sup2) })).statusCode,
    ).toBe(404);

    // Test message: posted now, answered at once.
    const before = rx.received.length;
    const test = await app.inject({
      method: 'POST',
      url: `/api/webhooks/${ding.json().id}/test`,
      headers: as(sup),
      payload: {},
    });
    expect(test.statusCode).toBe(200);
    expect(test.json()).toEqual({ ok: true, message: '测试消息已发送到“东湖街道钉钉群机器人”，请在群里查看' });
    expect(rx.received.length).toBe(before + 1);
    const sent = new URL(rx.received.at(-1)!.url, rx.url);
    const ts = sent.searchParams.get('timestamp')!;
    expect(sent.searchParams.get('sign')).toBe(
      createHmac('sha256', 'SECorgA-secret').update(`${ts}\nSECorgA-secret`).digest('base64'),
    );
    rx.answerWith(() => ({ status: 500, body: 'down' }));
    const failedTest = await app.inject({
      method: 'POST',
      url: `/api/webhooks/${hook.id}/test`,
      headers: as(sup),
      payload: {},
    });
    expect(failedTest.json()).toEqual({ ok: false, message: '企业微信群机器人返回 HTTP 500：down' });

    // Update (rename, new secret) and deactivate/reactivate: audited, URL untouched when not sent.
    const upd = await app.inject({
      method: 'PUT',
      url: `/api/webhooks/${ding.json().id}`,
      headers: as(sup),
      payload: { name: '东湖街道工作群', secret: 'SECorgA-secret' },
    });
    expect(upd.statusCode, upd.body).toBe(200);
    expect(upd.json()).toMatchObject({ name: '东湖街道工作群', hasSecret: true });
    const off = await app.inject({
      method: 'POST',
      url: `/api/webhooks/${hook.id}/active`,
      headers: as(sup),
      payload: { active: false },
    });
    expect(off.json().active).toBe(false);
    const on = await app.inject({
      method: 'POST',
      url: `/api/webhooks/${hook.id}/active`,
      headers: as(sup),
      payload: { active: true },
    });
    expect(on.json().active).toBe(true);
    const actions = await h.db.selectFrom('auditLog').select('action').where('entity', '=', 'notify_webhook').execute();
    expect(actions.map((a) => a.action).sort()).toEqual(
      [
        'notify.webhook.activate',
        'notify.webhook.create',
        'notify.webhook.create',
        'notify.webhook.deactivate',
        'notify.webhook.test',
        'notify.webhook.test',
        'notify.webhook.update',
      ].sort(),
    );
  });

  it('queues e-mail and robot deliveries once and the job queue sends them: SMTP server and receiver read them', async () => {
    configureNotify({ smtp: smtpConfig(), publicUrl: PUBLIC, crypto });
    const mails = smtp.received.length;
    const posts = rx.received.length;
    // The same notice to two recipients of 东湖街道 (one key) and another to 西岭街道.
    const n1 = await notification('u-a', 'org-a', 'chase:r-q2:org-a:1');
    const n2 = await notification('u-l', 'org-a', 'chase:r-q2:org-a:1');
    const n3 = await notification('u-b', 'org-b', 'chase:r-q2:org-b:1', {
      title: '西岭街道：2026年第三季度进展尚未报送',
    });
    expect(await queue([n1, n2, n3])).toBe(5);
    const rows = await deliveriesOf([n1, n2, n3]);
    expect(rows.map((r) => [r.notificationId, r.channel, r.status])).toEqual([
      [n1, 'dingtalk', 'queued'], // 东湖街道's group robot: once for the key, not once per recipient
      [n1, 'email', 'queued'],
      [n1, 'wecom', 'queued'], // the programme's group
      [n3, 'email', 'queued'],
      [n3, 'wecom', 'queued'],
    ]);
    expect(rows.find((r) => r.channel === 'email' && r.notificationId === n1)!.target).toBe('u-a'); // no address in clear
    if (TEST_ENGINE === 'sqlite') expect(await deliverJobs()).toBe(5);
    // Queued again (a second evaluation, a second worker): nothing new.
    expect(await queue([n1, n2, n3])).toBe(0);
    // The outbox: queued in the caller's transaction, rolled back with it.
    const n4 = await notification('u-a', 'org-a', 'chase:r-q2:org-a:rollback', { title: '回滚' });
    await expect(
      h.db.transaction().execute(async (trx) => {
        expect(await queueDeliveries(trx, [n4], NOW)).toBe(3);
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await deliveriesOf([n4])).toEqual([]);
    if (TEST_ENGINE === 'sqlite') expect(await deliverJobs()).toBe(5);

    const worker = createJobs({
      db: h.db,
      engine: h.engine,
      url: h.url,
      handlers: { 'notify.deliver': notifyDeliver },
      pollIntervalMs: 100,
      onError: () => {},
    });
    jobs.push(worker);
    await worker.prepare();
    await worker.start();
    await until('all five sent', async () => (await deliveriesOf([n1, n2, n3])).every((r) => r.status === 'sent'));

    expect(smtp.received.length - mails).toBe(2);
    const toA = smtp.received.find((m) => m.to[0] === 'repa@example.com')!;
    expect(toA.subject).toBe('【催办】东湖街道：2026年第三季度进展尚未报送');
    expect(toA.text).toContain('已逾期2天');
    expect(toA.text).toContain(`查看详情：${PUBLIC}/#/reports/rep-q2-1`);
    expect(smtp.received.find((m) => m.to[0] === 'repb@example.com')!.subject).toBe(
      '【催办】西岭街道：2026年第三季度进展尚未报送',
    );
    const newPosts = rx.received.slice(posts);
    expect(newPosts).toHaveLength(3);
    const dings = newPosts.filter((p) => p.url.startsWith('/robot/send'));
    expect(dings).toHaveLength(1);
    const u = new URL(dings[0]!.url, rx.url);
    const ts = u.searchParams.get('timestamp')!;
    expect(u.searchParams.get('sign')).toBe(
      createHmac('sha256', 'SECorgA-secret').update(`${ts}\nSECorgA-secret`).digest('base64'),
    );
    expect(JSON.parse(dings[0]!.body).markdown.text).toContain(`[查看详情](${PUBLIC}/#/reports/rep-q2-1)`);
    const wecoms = newPosts.filter((p) => p.url.startsWith('/cgi-bin/webhook/send'));
    expect(wecoms.map((p) => JSON.parse(p.body).msgtype)).toEqual(['markdown', 'markdown']);
    const sent = await deliveriesOf([n1, n2, n3]);
    expect(sent.map((r) => [r.status, r.attempts, r.lastError, r.sentAt !== null])).toEqual(
      sent.map(() => ['sent', 1, null, true]),
    );

    // Running a job twice sends once: the delivery is already sent.
    const again = await deliverOne(h.db, sent[0]!.id, { attempt: 1, maxAttempts: DELIVERY_MAX_ATTEMPTS, now: NOW });
    expect(again).toBe('done-before');
    await notifyDeliver({
      jobId: 'j',
      name: 'notify.deliver',
      payload: { deliveryId: sent[1]!.id },
      attempt: 1,
      maxAttempts: DELIVERY_MAX_ATTEMPTS,
      db: h.db,
      now: () => NOW,
    });
    expect(smtp.received.length - mails).toBe(2);
    expect(rx.received.length - posts).toBe(3);

    // The office sees what was sent.
    const list = await app.inject({
      method: 'GET',
      url: '/api/programmes/prog/deliveries?status=sent',
      headers: as(sup),
    });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.length).toBeGreaterThanOrEqual(5);
    expect(list.json().items[0]).toMatchObject({ statusLabel: '已发送' });
  });

  it('retries a failing receiver (500) with back-off, then marks it failed, visible to the office; 重新发送 requeues it', async () => {
    configureNotify({ publicUrl: PUBLIC, crypto });
    const hook = await createHook(sup, {
      scope: 'unit',
      orgId: 'org-b',
      kind: 'wecom',
      name: '西岭街道工作群',
      url: `${rx.url}/cgi-bin/webhook/send?key=failing-0000-1111`,
    });
    rx.answerWith((r) =>
      r.url.includes('failing') ? { status: 500, body: 'internal error' } : { status: 200, body: '{"errcode":0}' },
    );
    const n = await notification('u-b', 'org-b', 'chase:r-q2:org-b:2', { title: '西岭街道：催办' });
    expect(await queue([n])).toBe(2); // programme wecom + 西岭's robot (no SMTP now)
    const d = (await deliveriesOf([n])).find((r) => r.target === hook.json().id)!;
    const run = (attempt: number) => deliverOne(h.db, d.id, { attempt, maxAttempts: DELIVERY_MAX_ATTEMPTS, now: NOW });
    for (let attempt = 1; attempt < DELIVERY_MAX_ATTEMPTS; attempt++)
      await expect(run(attempt)).rejects.toThrow('企业微信群机器人返回 HTTP 500：internal error');
    let row = (await deliveriesOf([n])).find((r) => r.id === d.id)!;
    expect(row).toMatchObject({ status: 'queued', attempts: DELIVERY_MAX_ATTEMPTS - 1 });
    expect(await run(DELIVERY_MAX_ATTEMPTS)).toBe('failed');
    row = (await deliveriesOf([n])).find((r) => r.id === d.id)!;
    expect(row).toMatchObject({ status: 'failed', attempts: DELIVERY_MAX_ATTEMPTS, sentAt: null });
    expect(row.lastError).toBe('企业微信群机器人返回 HTTP 500：internal error');

    const failed = await app.inject({
      method: 'GET',
      url: '/api/programmes/prog/deliveries?status=failed',
      headers: as(sup),
    });
    expect(failed.statusCode).toBe(200);
    expect(failed.json().items).toEqual([
      expect.objectContaining({
        id: d.id,
        channel: 'wecom',
        channelLabel: '企业微信',
        status: 'failed',
        statusLabel: '发送失败',
        attempts: DELIVERY_MAX_ATTEMPTS,
        lastError: '企业微信群机器人返回 HTTP 500：internal error',
        title: '西岭街道：催办',
        recipient: '西岭填报员',
        orgName: '西岭街道',
        webhookName: '西岭街道工作群',
      }),
    ]);

    // 重新发送: the receiver is back; the delivery is queued again with a fresh job and then sent.
    rx.answerWith(() => ({ status: 200, body: '{"errcode":0}' }));
    expect(
      (await app.inject({ method: 'POST', url: `/api/deliveries/${d.id}/retry`, headers: as(repa), payload: {} }))
        .statusCode,
    ).toBe(403);
    const retry = await app.inject({
      method: 'POST',
      url: `/api/deliveries/${d.id}/retry`,
      headers: as(sup),
      payload: {},
    });
    expect(retry.statusCode, retry.body).toBe(200);
    expect(retry.json()).toEqual({ id: d.id, status: 'queued' });
    expect(
      (await app.inject({ method: 'POST', url: `/api/deliveries/${d.id}/retry`, headers: as(sup), payload: {} }))
        .statusCode,
    ).toBe(409);
    expect(await run(1)).toBe('sent');
  });

  it('retries through the job queue with back-off until the last attempt (SQLite: moving clock; PostgreSQL: first retry)', async () => {
    configureNotify({ publicUrl: PUBLIC, crypto });
    const hook = await createHook(sup, {
      scope: 'unit',
      orgId: 'org-c',
      kind: 'wecom',
      name: '民政局工作群',
      url: `${rx.url}/cgi-bin/webhook/send?key=failing-queue-2222`,
    });
    rx.answerWith((r) =>
      r.url.includes('failing') ? { status: 500, body: 'busy' } : { status: 200, body: '{"errcode":0}' },
    );
    const n = await notification('u-sup', 'org-c', 'chase:r-q2:org-c:1', { title: '区民政局：催办' });
    expect(await queue([n])).toBeGreaterThanOrEqual(1); // 区民政局's group (and the programme's, if configured)
    const target = hook.json().id;
    const row = async () => (await deliveriesOf([n])).find((r) => r.target === target)!;
    let offset = 0;
    const worker = createJobs({
      db: h.db,
      engine: h.engine,
      url: h.url,
      clock: () => new Date(Date.now() + offset),
      handlers: { 'notify.deliver': notifyDeliver },
      // One at a time: the moving clock must never expire the lock of a job still running.
      concurrency: 1,
      pollIntervalMs: 50,
      onError: () => {},
    });
    jobs.push(worker);
    await worker.prepare();
    await worker.start();
    await until('the first failed attempt', async () => (await row()).attempts >= 1);
    expect(await row()).toMatchObject({
      status: 'queued',
      attempts: 1,
      lastError: '企业微信群机器人返回 HTTP 500：busy',
    });
    if (TEST_ENGINE === 'sqlite') {
      // Each retry waits e^attempt seconds on the queue's clock: move it an hour at a time.
      await until('given up', async () => {
        offset += 3_600_000;
        return (await row()).status === 'failed';
      });
      expect(await row()).toMatchObject({
        status: 'failed',
        attempts: DELIVERY_MAX_ATTEMPTS,
        lastError: '企业微信群机器人返回 HTTP 500：busy',
      });
      expect(await deliverJobs()).toBe(0); // the job ended; the delivery row keeps the failure
    }
  });

  it('skips a delivery whose channel is no longer configured; SMS only with a bound-in sender', async () => {
    configureNotify({ smtp: smtpConfig(), publicUrl: PUBLIC, crypto });
    const n = await notification('u-a', 'org-a', 'remind:r-q2:org-a:9', { title: '东湖街道：提醒' });
    // Deactivate every robot: e-mail only.
    const hooks = await h.db.selectFrom('notifyWebhooks').select('id').where('scope', '=', 'programme').execute();
    await h.db.updateTable('notifyWebhooks').set({ active: 0 }).execute();
    expect(await queue([n])).toBe(1);
    const [email] = await deliveriesOf([n]);
    configureNotify({ smtp: null }); // SMTP removed before the job ran
    expect(await deliverOne(h.db, email!.id, { attempt: 1, maxAttempts: 8, now: NOW })).toBe('skipped');
    expect((await deliveriesOf([n]))[0]).toMatchObject({
      status: 'skipped',
      lastError: '未配置邮件服务器（SMTP_URL）',
    });

    // A robot deactivated after queueing: skipped.
    await h.db.updateTable('notifyWebhooks').set({ active: 1 }).where('id', '=', hooks[0]!.id).execute();
    const n2 = await notification('u-a', 'org-a', 'remind:r-q2:org-a:10', { title: '东湖街道：提醒2' });
    expect(await queue([n2])).toBe(1);
    await h.db.updateTable('notifyWebhooks').set({ active: 0 }).execute();
    const [robot] = await deliveriesOf([n2]);
    expect(await deliverOne(h.db, robot!.id, { attempt: 1, maxAttempts: 8, now: NOW })).toBe('skipped');
    expect((await deliveriesOf([n2]))[0]).toMatchObject({ status: 'skipped', lastError: '群机器人已停用或已删除' });

    // SMS: nothing without a sender; with the example sender, to users with a phone number.
    await h.db
      .updateTable('users')
      .set({ phone: crypto.encryptField('13800138000', 'users.phone') })
      .where('id', '=', 'u-a')
      .execute();
    const n3 = await notification('u-a', 'org-a', 'remind:r-q2:org-a:11');
    expect(await queue([n3])).toBe(0);
    const lines: string[] = [];
    configureNotify({ sms: new LogSmsSender((l) => lines.push(l)) });
    const n4 = await notification('u-a', 'org-a', 'remind:r-q2:org-a:12');
    expect(await queue([n4])).toBe(1);
    const [sms] = await deliveriesOf([n4]);
    expect(sms!.channel).toBe('sms');
    expect(await deliverOne(h.db, sms!.id, { attempt: 1, maxAttempts: 8, now: NOW })).toBe('sent');
    expect(lines).toEqual([
      `[短信示例] 发往 138****8000：【民生实事系统】催办：东湖街道：2026年第三季度进展尚未报送。详情：${PUBLIC}/#/reports/rep-q2-1`,
    ]);
  });
});
