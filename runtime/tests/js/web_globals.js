// dynojs-only
// WinterTC globals that node 20 lacks (self, navigator, reportError).
console.log(self === globalThis, typeof navigator.userAgent, navigator.userAgent.startsWith('dynojs/'));
console.log(typeof reportError, typeof structuredClone, typeof DOMException);
