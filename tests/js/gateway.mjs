// A ThingsBoard gateway written with MQTT.js, as gateway firmware would be: it connects with its access token, names
// one child, sends the child's telemetry and attributes, asks for an attribute, and answers every RPC for the child by
// echoing its params. Each message it receives is printed as one JSON line; the test drives the rest over REST.
// Usage: node gateway.mjs <port> <token> <protocolVersion 4|5> <child name>; ends when stdin closes.
import mqtt from 'mqtt';

const [port, token, version, child] = process.argv.slice(2);
const print = (event) => console.log(JSON.stringify(event));
const client = mqtt.connect(`mqtt://127.0.0.1:${port}`, {
  username: token,
  protocolVersion: Number(version),
  clientId: `mqttjs-gateway-${process.pid}`,
  reconnectPeriod: 0,
});

client.on('error', (error) => {
  print({ event: 'error', message: error.message });
  process.exit(2);
});

client.on('message', (topic, payload) => {
  const message = JSON.parse(payload.toString());
  print({ event: 'message', topic, message });
  if (topic === 'v1/gateway/rpc') {
    client.publish('v1/gateway/rpc', JSON.stringify({ device: message.device, id: message.data.id, data: { echoed: message.data.params } }), { qos: 1 });
  }
});

client.on('connect', async () => {
  await client.subscribeAsync(['v1/gateway/rpc', 'v1/gateway/attributes', 'v1/gateway/attributes/response'], { qos: 1 });
  const publish = (topic, body) => client.publishAsync(topic, JSON.stringify(body), { qos: 1 });
  await publish('v1/gateway/connect', { device: child, type: 'mqtt.js' });
  await publish('v1/gateway/telemetry', { [child]: [{ ts: 1700000000000, values: { temp: 12.5 } }, { ts: 1700000001000, values: { temp: 13.5 } }] });
  await publish('v1/gateway/attributes', { [child]: { firmware: '2.0.1' } });
  await publish('v1/gateway/attributes/request', { id: 1, device: child, client: true, key: 'firmware' });
  print({ event: 'ready' });
});

process.stdin.resume();
process.stdin.on('end', () => client.end(false, {}, () => process.exit(0)));
