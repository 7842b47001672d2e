// Security headers on every page and API answer (helmet): a strict Content-Security-Policy — scripts only from this
// server, no framing by other sites — plus nosniff, a strict Referrer-Policy, and HSTS on answers given over HTTPS.
import helmet from 'helmet';
import type { RequestHandler } from 'express';

export function securityHeaders(): RequestHandler {
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // antd, bpmn-js and form-js set styles as they render; no script runs from a style.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        // The modeler reads a diagram it downloaded back from its object URL.
        connectSrc: ["'self'", 'blob:'],
        // A filing's scans and the confirmation PDF are previewed from object URLs the page makes.
        frameSrc: ["'self'", 'blob:'],
        objectSrc: ["'self'", 'blob:'],
        workerSrc: ["'self'", 'blob:'],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    // A plain-HTTP development server on loopback would otherwise be pinned to HTTPS in the browser.
    strictTransportSecurity: false,
  });
  return (req, res, next) => {
    if (req.secure) res.set('strict-transport-security', 'max-age=31536000; includeSubDomains');
    headers(req, res, next);
  };
}
