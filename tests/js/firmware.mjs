// A device updating its firmware the way ThingsBoard's SDKs do, written with MQTT.js: it waits for the fw_* shared
// attributes, fetches the firmware in chunks on v2/fw/request/{id}/chunk/{n}, checks its SHA-256, and reports fw_state
// as it goes. Prints "ready" once subscribed, then "installed" (or "failed") with what it saw.
// Usage: node firmware.mjs <port> <token> <protocolVersion 4|5> <chunkSize>
import { createHash } from 'node:crypto';
import mqtt from 'mqtt';

const [port, token, version, chunkSize] = process.argv.slice(2);
const print = (event) => console.log(JSON.stringify(event));
const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, {
  username: token, protocolVersion: Number(version), reconnectPeriod: 0, clientId: `mqttjs-firmware-${process.pid}`,
});
const telemetry = (values) => client.publishAsync('v1/devices/me/telemetry', JSON.stringify(values), { qos: 1 });

let firmware = null;
const chunks = new Map();
const waiting = new Map();
client.on('message', (topic, payload) => {
  if (topic === 'v1/devices/me/attributes' && !firmware) {
    const attributes = JSON.parse(payload.toString());
    if (attributes.fw_title) {
      firmware = attributes;
      update().catch((error) => { print({ event: 'error', message: error.message }); process.exit(2); });
    }
  } else if (topic.startsWith('v2/fw/response/')) {
    const index = Number(topic.split('/').pop());
    waiting.get(index)?.(payload);
  }
});

const chunk = (index) => new Promise((resolve) => {
  waiting.set(index, resolve);
  client.publish(`v2/fw/request/1/chunk/${index}`, chunkSize, { qos: 1 });
});

async function update() {
  await telemetry({ fw_state: 'DOWNLOADING' });
  const parts = [];
  let received = 0;
  for (let index = 0; received < firmware.fw_size; index++) {
    const part = await chunk(index);
    if (part.length === 0) break;
    parts.push(part);
    received += part.length;
  }
  const image = Buffer.concat(parts);
  await telemetry({ fw_state: 'DOWNLOADED' });
  const checksum = createHash('sha256').update(image).digest('hex');
  if (checksum !== firmware.fw_checksum) {
    await telemetry({ fw_state: 'FAILED', fw_error: 'Checksum mismatch' });
    print({ event: 'failed', checksum, expected: firmware.fw_checksum });
    return;
  }
  await telemetry({ fw_state: 'VERIFIED' });
  await telemetry({ fw_state: 'UPDATING' });
  await telemetry({ fw_state: 'UPDATED', current_fw_title: firmware.fw_title, current_fw_version: firmware.fw_version });
  print({ event: 'installed', bytes: image.length, checksum, title: firmware.fw_title, version: firmware.fw_version });
}

await client.subscribeAsync(['v1/devices/me/attributes', 'v2/fw/response/+/chunk/+'], { qos: 1 });
print({ event: 'ready' });
process.stdin.resume();
process.stdin.on('end', () => client.end(false, {}, () => process.exit(0)));
