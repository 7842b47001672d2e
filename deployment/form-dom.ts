// A browser-like document for form-js in Node: one jsdom window whose DOM names become globals, because form-js
// and preact reach for `document`, `Node`, `HTMLElement`, … by their global names and not through a window.
import { JSDOM } from 'jsdom';

// What form-js (which even makes a KeyboardEvent as it loads), preact, DOMPurify and flatpickr look up globally.
// Node 20 has none of these, so nothing of Node's own is shadowed; Event, EventTarget and the like, which Node
// does have, are left to Node.
const DOM_GLOBALS = [
  'window',
  'self',
  'document',
  'navigator',
  'Node',
  'Element',
  'HTMLElement',
  'HTMLInputElement',
  'HTMLTextAreaElement',
  'HTMLSelectElement',
  'SVGElement',
  'Text',
  'DocumentFragment',
  'DOMParser',
  'KeyboardEvent',
  'MutationObserver',
  'getComputedStyle',
] as const;

let installed: Window | undefined;

/**
 * Makes the jsdom window's DOM globally visible, once per process; later calls return the same window. The globals
 * stay for the life of the process and are never restored: a form keeps references to this document, and work
 * it schedules (renders, effects) would break if `document` vanished under it. Only names that are not defined
 * are set, so a test environment that already has a DOM (vitest's jsdom environment) keeps its own.
 */
export function installFormDom(): Window {
  if (installed) return installed;
  const dom = new JSDOM('<!DOCTYPE html><html lang="zh-CN"><head></head><body></body></html>', {
    url: 'http://localhost/',
  });
  const window = dom.window as unknown as Window & Record<string, unknown>;
  const target = globalThis as unknown as Record<string, unknown>;
  for (const name of DOM_GLOBALS) {
    if (target[name] !== undefined) continue;
    const value = name === 'window' || name === 'self' ? window : window[name];
    target[name] = typeof value === 'function' && name === 'getComputedStyle' ? value.bind(window) : value;
  }
  installed = target.window as Window;
  return installed;
}
