// The modeler offers only what a deployment may contain (docs/engine.md, "What a deployment may contain"): no script
// task in the menus that create or replace elements, and no properties-panel groups for scripts, listeners, field
// injection, connectors or generated forms. What is left out here would only be refused by the checks.
const REFUSED_ENTRY = /script-task|ad-hoc|transaction/;
const REFUSED_GROUPS = new Set([
  'CamundaPlatform__Script',
  'CamundaPlatform__ExecutionListener',
  'CamundaPlatform__TaskListener',
  'CamundaPlatform__FieldInjection',
  'CamundaPlatform__ConnectorInput',
  'CamundaPlatform__ConnectorOutput',
  'CamundaPlatform__FormData',
]);

type Entries = Record<string, unknown>;
interface PopupMenu {
  registerProvider(id: string, priority: number, provider: { getPopupMenuEntries(): (entries: Entries) => Entries }): void;
}
interface PropertiesPanel {
  registerProvider(priority: number, provider: { getGroups(): (groups: { id: string }[]) => { id: string }[] }): void;
}

const withoutRefused = (entries: Entries): Entries => Object.fromEntries(Object.entries(entries).filter(([key]) => !REFUSED_ENTRY.test(key)));

function NoCodeMenus(popupMenu: PopupMenu) {
  for (const menu of ['bpmn-replace', 'bpmn-create', 'bpmn-append']) popupMenu.registerProvider(menu, 100, { getPopupMenuEntries: () => withoutRefused });
}
NoCodeMenus.$inject = ['popupMenu'];

function NoCodeProperties(propertiesPanel: PropertiesPanel) {
  // Low priority: runs after the providers that add the groups.
  propertiesPanel.registerProvider(100, { getGroups: () => (groups) => groups.filter((group) => !REFUSED_GROUPS.has(group.id)) });
}
NoCodeProperties.$inject = ['propertiesPanel'];

export const NoCodeOptionsModule = {
  __init__: ['noCodeMenus', 'noCodeProperties'],
  noCodeMenus: ['type', NoCodeMenus],
  noCodeProperties: ['type', NoCodeProperties],
};
