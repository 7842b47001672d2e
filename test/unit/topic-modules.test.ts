// One module per external-task topic (workers/registry.ts lists them): the topics, the departments' names and the
// element templates the modeler is served are all derived from that list.
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorHandler } from '../../platform/http/http.ts';
import { TokenSigner, type Role } from '../../platform/http/identity.ts';
import { departmentOfReviewCheck, departmentOfTopic } from '../../workers/department-of-topic.ts';
import { elementTemplateRouter } from '../../workers/element-template-routes.ts';
import { ELEMENT_TEMPLATES, TOPIC_MODULES, WORKER_TOPICS } from '../../workers/registry.ts';

describe('the topic modules', () => {
  it('name each topic once, and each module’s template is for its own topic', () => {
    expect(new Set(WORKER_TOPICS).size).toBe(TOPIC_MODULES.length);
    for (const { topic, template } of TOPIC_MODULES) {
      const topicProperty = template.properties.find((p) => p.binding.type === 'property' && p.binding.name === 'operaton:topic');
      expect(topicProperty?.value, topic).toBe(topic);
    }
  });

  it('give the departments’ names as employers and operators read them; the system’s own steps have none', () => {
    expect(Object.fromEntries(WORKER_TOPICS.flatMap((topic) => (departmentOfTopic(topic) ? [[topic, departmentOfTopic(topic)]] : [])))).toEqual({
      'check-registration': '市场监管（单位登记）',
      'verify-disability-certificates': '残联（残疾人证）',
      'verify-veteran-certificates': '退役军人事务（残疾军人证）',
      'verify-pension': '人力社保（养老保险）',
      'verify-medical': '医疗保障（医疗保险）',
      'verify-wages': '税务（工资发放）',
      'push-to-tax': '税务（认证结果报送）',
      'transfer-to-national-platform': '全国残疾人按比例就业联网认证平台',
      'report-to-national-platform': '全国残疾人按比例就业联网认证平台',
    });
    expect(departmentOfTopic('no-such-topic')).toBeUndefined();
  });

  it('tell which departments the automatic review waits for', () => {
    expect(WORKER_TOPICS.filter((topic) => departmentOfReviewCheck(topic) !== undefined)).toEqual([
      'check-registration',
      'verify-disability-certificates',
      'verify-veteran-certificates',
      'verify-pension',
      'verify-medical',
      'verify-wages',
    ]);
    expect(departmentOfReviewCheck('verify-pension')).toBe('人力社保（养老保险）');
    expect(departmentOfReviewCheck('push-to-tax')).toBeUndefined();
  });
});

describe('GET /api/element-templates', () => {
  const signer = new TokenSigner('a secret for tests', 3600);
  const token = (role: Role) => signer.sign({ sub: `${role}-1`, role });
  let server: http.Server;
  let url: string;

  beforeAll(async () => {
    const app = express();
    app.use(elementTemplateRouter({ signer }));
    app.use(errorHandler(() => undefined));
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/element-templates`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const get = (role?: Role) => fetch(url, role ? { headers: { authorization: `Bearer ${token(role)}` } } : {});

  it.each(['policy', 'province', 'operator'] as const)('serves %s every topic’s template, in the chooser’s order', async (role) => {
    const res = await get(role);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(ELEMENT_TEMPLATES);
    expect(ELEMENT_TEMPLATES.map((t) => t.id)).toEqual(WORKER_TOPICS.map((topic) => `dpf.${topic}`));
  });

  it('refuses anyone else, and anyone not signed in', async () => {
    expect((await get('employer')).status).toBe(403);
    expect((await get('reviewer')).status).toBe(403);
    expect((await get()).status).toBe(401);
  });
});
