// Preloaded into kinesis-local with `node -r`: it hard-codes 0.0.0.0 and replaces process.exit, so
// this forces every listening socket onto 127.0.0.1 and makes SIGTERM/SIGINT end the process.
'use strict';
const net = require('net');
const reallyExit = process.reallyExit.bind(process);
const originalListen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  if (args.length > 0 && typeof args[0] === 'object' && args[0] !== null) {
    args[0] = Object.assign({}, args[0], { host: '127.0.0.1' });
  } else if (typeof args[0] === 'number' || typeof args[0] === 'string') {
    if (typeof args[1] === 'string' || args[1] === undefined || args[1] === null) {
      args[1] = '127.0.0.1';
    } else if (typeof args[1] === 'function' || typeof args[1] === 'number') {
      args.splice(1, 0, '127.0.0.1');
    }
  }
  return originalListen.apply(this, args);
};
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => reallyExit(0));
