// One module per external-task topic (workers/registry.ts lists them): the topics, the departments' names and the
// element templates the modeler is served are all derived from that list.
import { describe, expect, it } from 'vitest';
import { departmentOfReviewCheck, departmentOfTopic } from '../../workers/department-of-topic.ts';
import { TOPIC_MODULES, WORKER_TOPICS } from '../../workers/registry.ts';

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
      'pull-registrar-changes': '登记机关变更数据',
      'push-to-tax': '税务（认证结果报送）',
      'transfer-to-national-platform': '全国残疾人按比例就业联网认证平台',
      'report-to-national-platform': '全国残疾人按比例就业联网认证平台',
      'fetch-levy-collections': '税务（残保金征收情况）',
      'share-employment-with-market-regulation': '市场监管（就业情况共享）',
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
