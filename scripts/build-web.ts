// `npm run build:web`: builds the pages now if their sources changed (npm start and npm test do it too).
import { ensureWebBuild } from './web/build-web.ts';

const built = await ensureWebBuild();
console.log(built ? 'pages built: web/dist' : 'pages already current: web/dist');
