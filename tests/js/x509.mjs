// A device signing in with its X.509 certificate and no credentials, written with MQTT.js: it connects over TLS
// (trusting the test's server certificate), sends telemetry and prints {"event":"sent"}, or {"event":"refused"} with
// the error. Usage: node x509.mjs <tlsPort> <protocolVersion 4|5> <server.pem> <device.pem> <device.key> <payload>
import fs from 'node:fs';
import mqtt from 'mqtt';

const [port, version, serverPem, certificate, key, payload] = process.argv.slice(2);
const print = (event) => console.log(JSON.stringify(event));
try {
  const device = await mqtt.connectAsync(`mqtts://127.0.0.1:${port}`, {
    protocolVersion: Number(version),
    reconnectPeriod: 0,
    connectTimeout: 10_000,
    clientId: `mqttjs-x509-${process.pid}`,
    ca: fs.readFileSync(serverPem),
    cert: fs.readFileSync(certificate),
    key: fs.readFileSync(key),
  });
  await device.publishAsync('v1/devices/me/telemetry', payload, { qos: 1 });
  await device.endAsync();
  print({ event: 'sent' });
} catch (error) {
  print({ event: 'refused', error: String(error?.message ?? error) });
}
process.exit(0);
