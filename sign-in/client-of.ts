// What a session and the audit trail keep of the client that signed in: its address and browser.
export function clientOf(req: { socket: { remoteAddress?: string | undefined }; get(name: string): string | undefined }): { address?: string; userAgent?: string } {
  const address = req.socket.remoteAddress;
  const userAgent = req.get('user-agent');
  return { ...(address ? { address } : {}), ...(userAgent ? { userAgent } : {}) };
}
