import type { MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import { secureHeaders as honoSecureHeaders } from "hono/secure-headers";

/**
 * Secure headers for every response. The editor is a same-origin SPA: scripts and connections only
 * to 'self', no framing, no plugins; inline styles are allowed because React sets style attributes.
 */
export function secureHeaders(): MiddlewareHandler {
  return honoSecureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", "data:", "blob:"],
      fontSrc: ["'self'", "data:"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: "DENY",
    referrerPolicy: "no-referrer",
    // Served over plain HTTP on loopback/intranet; HSTS would only confuse a later HTTPS setup.
    strictTransportSecurity: false,
    permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
  });
}

/** API answers carry drafts and corpus text: never cache them in the browser or a proxy. */
export function noStore(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (!c.res.headers.has("Cache-Control")) c.res.headers.set("Cache-Control", "no-store");
  };
}

/** CORS only for the configured origins; with none configured, no CORS header is ever sent. */
export function corsFor(origins: string[]): MiddlewareHandler | null {
  if (origins.length === 0) return null;
  return cors({
    origin: origins,
    allowHeaders: ["Authorization", "Content-Type"],
    allowMethods: ["GET", "POST", "PUT", "DELETE", "OPTIONS"],
    exposeHeaders: ["Retry-After"],
    credentials: false,
    maxAge: 600,
  });
}
