// The one Content-Security-Policy of the renderer, used by the Electron session and the loopback server alike.
// ECharts renders to canvas/SVG and needs no inline scripts; Vue's compiled templates need no eval.
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');
