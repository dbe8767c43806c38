// Free TCP ports on the loopback interface.
import net from 'node:net';

/** Ask the OS for a port that is free on 127.0.0.1 right now (another process may take it before we bind it: retry). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen({ port: 0, host, exclusive: true }, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
