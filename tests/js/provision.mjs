// A device provisioning itself as ThingsBoard's SDKs do, written with MQTT.js: it connects as "provision", subscribes
// to the answer, sends its request, then connects again with the access token it got and sends telemetry. Prints the
// answer and the outcome as JSON lines. Usage: node provision.mjs <port> <protocolVersion 4|5> <deviceName> <key> <secret>
import mqtt from 'mqtt';

const [port, version, deviceName, provisionDeviceKey, provisionDeviceSecret] = process.argv.slice(2);
const print = (event) => console.log(JSON.stringify(event));
const options = { protocolVersion: Number(version), reconnectPeriod: 0, clientId: `mqttjs-provision-${process.pid}` };

const provisioning = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, { ...options, username: 'provision' });
const answered = new Promise((resolve) => provisioning.on('message', (topic, payload) => resolve(JSON.parse(payload.toString()))));
await provisioning.subscribeAsync('/provision/response', { qos: 1 });
await provisioning.publishAsync('/provision/request', JSON.stringify({ deviceName, provisionDeviceKey, provisionDeviceSecret }), { qos: 1 });
const answer = await answered;
print({ event: 'answer', answer });
await provisioning.endAsync();

if (answer.status === 'SUCCESS') {
  const device = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, { ...options, clientId: `mqttjs-device-${process.pid}`, username: answer.credentialsValue });
  await device.publishAsync('v1/devices/me/telemetry', JSON.stringify({ provisioned: true }), { qos: 1 });
  await device.endAsync();
  print({ event: 'sent' });
}
process.exit(0);
