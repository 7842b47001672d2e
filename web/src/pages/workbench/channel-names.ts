// How a filing arrived, in words.
export const CHANNEL_NAMES: Record<string, string> = { online: '网上申报', window: '窗口代为申报' };

export function channelName(channel: string): string {
  return CHANNEL_NAMES[channel] ?? channel;
}
