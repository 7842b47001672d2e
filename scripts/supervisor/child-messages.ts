// What a part's entry script tells the supervisor that started it, over the IPC channel (process.send).

export type ChildMessage<Facts> = { type: 'ready'; facts: Facts } | { type: 'failed'; message: string };

export function isChildMessage(value: unknown): value is ChildMessage<unknown> {
  const type = (value as { type?: unknown } | null)?.type;
  return type === 'ready' || type === 'failed';
}
