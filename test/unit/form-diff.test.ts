// The form diff of the web modeler: components paired by id, changed properties old → new.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffForms } from '../../web-modeler/diff/form-diff.ts';

const manualReview = readFileSync(path.resolve(import.meta.dirname, '../../forms/manual-review.form'), 'utf8');

describe('the form diff', () => {
  it('finds nothing between a form and itself', () => {
    expect(diffForms(manualReview, manualReview)).toEqual([]);
  });

  it('shows a changed label, a removed and an added component', () => {
    const form = JSON.parse(manualReview) as { components: { id: string; label?: string }[] };
    form.components.find((c) => c.id === 'manual-review-decision')!.label = '认定';
    form.components = form.components.filter((c) => c.id !== 'manual-review-intro');
    form.components.push({ id: 'manual-review-extra', label: '补充说明' });
    const changes = diffForms(manualReview, JSON.stringify(form));
    expect(changes.map((c) => [c.id, c.status])).toEqual([
      ['manual-review-decision', 'changed'],
      ['manual-review-extra', 'added'],
      ['manual-review-intro', 'removed'],
    ]);
    expect(changes[0]!.properties).toEqual([{ key: 'label', oldValue: '认定结果', newValue: '认定' }]);
  });
});
