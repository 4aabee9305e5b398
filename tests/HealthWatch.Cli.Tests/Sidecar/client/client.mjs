// A real editor-extension client: drives `healthwatch serve --stdio` with vscode-jsonrpc over the child's stdio.
// Usage: node client.mjs <probe.wasm> <dotnet arguments that run healthwatch.dll>
//   e.g. node client.mjs ../../../../samples/probes/http-status.wasm path/to/healthwatch.dll
// Runs the http-status probe against a loopback server with and without the http grant; exits 0 when all checks pass.
import { spawn } from 'node:child_process';
import http from 'node:http';
import rpc from 'vscode-jsonrpc/node.js';

const [probe, ...dotnetArgs] = process.argv.slice(2);
if (!probe || dotnetArgs.length === 0) {
  console.error('usage: node client.mjs <probe.wasm> <healthwatch.dll | dotnet arguments>');
  process.exit(2);
}

// A hung sidecar must fail the test, not stall it.
setTimeout(() => {
  console.error('FAIL timed out');
  process.exit(1);
}, 25_000).unref();

const server = http.createServer((request, response) => {
  response.writeHead(request.url === '/health' ? 200 : 404, { 'content-type': 'application/json' });
  response.end('{"status":"ok"}');
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const hostAndPort = `127.0.0.1:${server.address().port}`;

const child = spawn('dotnet', [...dotnetArgs, 'serve', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
const connection = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
const scheduled = [];
connection.onNotification('probe/result', (params) => scheduled.push(params));
connection.listen();

let failures = 0;
function check(ok, what, detail) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${ok ? '' : `: ${JSON.stringify(detail)}`}`);
  failures += ok ? 0 : 1;
}

try {
  const init = await connection.sendRequest('initialize', {});
  check(init.engine === 'managed' && init.capabilities.includes('http'), 'initialize lists the capabilities', init);

  const loaded = await connection.sendRequest('module/load', { path: probe });
  check(loaded.capabilities.includes('http'), 'module/load reports the http capability', loaded);
  const run = { moduleId: loaded.moduleId, config: { url: `http://${hostAndPort}/health` } };

  const granted = await connection.sendRequest('probe/run', { ...run, grants: { http: { allow: [hostAndPort] } } });
  check(granted.success === true && granted.metrics.status === 200, 'probe/run with the http grant succeeds', granted);

  const denied = await connection.sendRequest('probe/run', { ...run, grants: {} });
  check(denied.success === false && denied.error?.kind === 'capabilityNotGranted', 'probe/run without the grant fails', denied);

  const { scheduleId } = await connection.sendRequest('probe/schedule', { ...run, grants: { http: { allow: [hostAndPort] } }, intervalMs: 50 });
  while (scheduled.length === 0) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await connection.sendRequest('probe/cancel', { scheduleId });
  check(scheduled[0].scheduleId === scheduleId && scheduled[0].result.success === true, 'probe/schedule pushes probe/result', scheduled[0]);

  try {
    await connection.sendRequest('probe/teleport', {});
    check(false, 'an unknown method is an error', 'it answered');
  } catch (error) {
    check(error.code === -32601, 'an unknown method is error -32601', error);
  }

  check((await connection.sendRequest('shutdown')) === null, 'shutdown answers null');
  await connection.sendNotification('exit');
  check((await exited) === 0, 'exit after shutdown ends with code 0');
} catch (error) {
  check(false, 'the session', String(error));
} finally {
  connection.dispose();
  server.close();
  child.kill();
}

process.exit(failures === 0 ? 0 : 1);
