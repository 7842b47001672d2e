// Hands a file the API served (lib/api.ts `download`) to the browser as a download under a readable name.
import { download } from '../../lib/api.ts';

export async function saveFile(path: string, fileName: string): Promise<void> {
  const { url } = await download(path);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Long enough for the browser to have taken the file.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
