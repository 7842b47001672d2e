// View-only mode on the full modeler (so that the properties panel still shows every setting): no command runs,
// so neither dragging on the canvas nor typing in the panel changes the diagram. The palette and context pad are
// hidden by CSS (.dpf-bpmn-editor--read-only) and the keyboard is not bound (config `keyboard.bind: false`).

interface CommandStackLike {
  execute: (...args: unknown[]) => unknown;
  canExecute: (...args: unknown[]) => boolean;
}

function ReadOnlyCommandStack(commandStack: CommandStackLike) {
  commandStack.execute = () => undefined;
  commandStack.canExecute = () => false;
}
ReadOnlyCommandStack.$inject = ['commandStack'];

export const ReadOnlyModule = {
  __init__: ['readOnlyCommandStack'],
  readOnlyCommandStack: ['type', ReadOnlyCommandStack],
};
