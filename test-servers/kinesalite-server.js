#!/usr/bin/env node
// Starts kinesalite bound to 127.0.0.1 only (its stock CLI listens on every interface).
// Usage: node kinesalite-server.js PORT [--shardLimit N] [--createStreamMs MS] ...
'use strict';
const path = require('path');
const argv = require(path.join(__dirname, 'node_modules/minimist'))(process.argv.slice(2));
const port = Number(argv._[0] || argv.port);
if (!Number.isInteger(port) || port <= 0) {
  console.error('usage: kinesalite-server.js PORT [kinesalite options]');
  process.exit(2);
}
const kinesalite = require(path.join(__dirname, 'node_modules/kinesalite'));
const server = kinesalite({
  shardLimit: Number(argv.shardLimit || 1000),
  createStreamMs: Number(argv.createStreamMs ?? 0),
  deleteStreamMs: Number(argv.deleteStreamMs ?? 0),
  updateStreamMs: Number(argv.updateStreamMs ?? 0),
});
server.listen(port, '127.0.0.1', () => {
  const a = server.address();
  console.log('kinesalite listening at http://%s:%s', a.address, a.port);
});
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => process.exit(0));
// The benchmarks start node with --expose-gc and send SIGUSR2 before each measured phase, so that
// the garbage of deleted streams is collected then, not during the next measurement.
if (typeof global.gc === 'function') process.on('SIGUSR2', () => global.gc());
