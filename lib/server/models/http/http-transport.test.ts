import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createHttpTransport, TooLargeAnswerError, TransportClosedError } from "./http-transport";

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A server on 127.0.0.1 answering with `handler`; counts requests. */
async function serve(handler: Parameters<typeof createServer>[1]) {
  const stats = { requests: 0 };
  const server = createServer((req, res) => {
    stats.requests++;
    handler!(req, res);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, stats };
}

describe("http transport", () => {
  it("refuses an answer whose Content-Length is beyond the limit before allocating it (an endpoint may claim terabytes)", async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { "content-length": "99999999999999" });
      res.write("{");
    });
    const t = createHttpTransport(1);
    await expect(t.request(s.url, { method: "GET", headers: {} }, 5_000)).rejects.toBeInstanceOf(TooLargeAnswerError);
    t.close();
  });

  it("stops reading a chunked answer once it grows past the limit", async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200);
      const chunk = Buffer.alloc(4096, 120);
      let n = 0;
      const pump = () => {
        while (n++ < 64 && res.write(chunk));
        if (n < 64) res.once("drain", pump);
        else res.end();
      };
      pump();
    });
    const t = createHttpTransport(1, 10_000);
    const error = await t.request(s.url, { method: "GET", headers: {} }, 5_000).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(TooLargeAnswerError);
    expect((error as Error).message).toBe("the answer is larger than 10000 bytes");
    // Within the limit, the whole body arrives.
    const small = await serve((_req, res) => res.end("x".repeat(9_000)));
    expect((await t.request(small.url, { method: "GET", headers: {} }, 5_000)).body.byteLength).toBe(9_000);
    t.close();
  });

  it("close cuts off the requests in flight and refuses new ones", async () => {
    const s = await serve(() => {
      /* never answers */
    });
    const t = createHttpTransport(2);
    const pending = t.request(s.url, { method: "GET", headers: {} }, 60_000);
    await expect.poll(() => s.stats.requests).toBe(1);
    t.close();
    await expect(pending).rejects.toBeInstanceOf(TransportClosedError);
    await expect(t.request(s.url, { method: "GET", headers: {} }, 60_000)).rejects.toBeInstanceOf(TransportClosedError);
    expect(s.stats.requests).toBe(1);
  });
});
