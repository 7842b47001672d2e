/// <reference path="./bpmn-io-modules.d.ts" />
// The diagram-js `translate` service in Simplified Chinese: bpmn-js-i18n's table, completed by ours for what this
// setup shows that it lacks (properties panel, element templates, chooser). The palette, context pad, replace
// menu and properties panel all go through this one service. Strings still missing are remembered, so that a
// click-through can list them (`untranslatedStrings`); they are shown as they are.
import bpmnJsZh from 'bpmn-js-i18n/translations/zn.js';
import { TRANSLATIONS_ZH } from './translations-zh.ts';

const TABLE: Record<string, string> = { ...bpmnJsZh, ...TRANSLATIONS_ZH };

/** Every English string asked for that neither table has, in the order first met. */
export const untranslatedStrings = new Set<string>();

const HAN = /\p{Script=Han}/u;

export function translate(template: string, replacements: Record<string, unknown> = {}): string {
  const known = TABLE[template];
  // Template names and descriptions are already Chinese: they are not "missing".
  if (known === undefined && template && !HAN.test(template)) untranslatedStrings.add(template);
  return (known ?? template).replace(/{([^}]+)}/g, (whole, key: string) => {
    const value = replacements[key];
    return value === undefined || value === null ? whole : String(value);
  });
}

/** A diagram-js module replacing the default (English) translate service. */
export const TranslateModule = { translate: ['value', translate] };
