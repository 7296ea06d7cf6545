import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { admin, setUpEvaluationWorld } from "./factories";
import { openModel } from "./helpers";

const world = setUpEvaluationWorld("resume");

/**
 * An Open Inference Protocol v2 endpoint (JSON tensors) whose infer requests
 * wait at a gate: closed at first, `open()` lets the waiting ones through,
 * `hold()` makes later requests wait at a new closed gate. Its model answers
 * class 0 for every pixel (UINT8 NHWC in, INT64 ids out).
 */
async function gatedEndpoint() {
  let release: () => void = () => {};
  const closed = () => new Promise<void>((resolve) => (release = resolve));
  let gate = closed();
  let infers = 0;
  const server: Server = createServer(async (req, res) => {
    const json = (status: number, body: unknown) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    if (req.method === "GET" && req.url === "/v2/models/gated") {
      return json(200, { name: "gated", inputs: [{ name: "image", datatype: "UINT8", shape: [-1, -1, -1, 3] }], outputs: [{ name: "ids", datatype: "INT64", shape: [-1, -1, -1] }] });
    }
    if (req.method !== "POST" || req.url !== "/v2/models/gated/infer") return json(404, { error: `no route ${req.url}` });
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const shape = (JSON.parse(Buffer.concat(chunks).toString("utf8")).inputs[0].shape as number[]).slice(0, 3);
    infers++;
    await gate;
    json(200, { model_name: "gated", outputs: [{ name: "ids", datatype: "INT64", shape, data: new Array(shape[1] * shape[2]).fill(0) }] });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    infers: () => infers,
    open: () => release(),
    hold: () => {
      gate = closed();
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

test("a cancelled run started again shows its live progress and then its results, without a reload", async ({ page }) => {
  const endpoint = await gatedEndpoint();
  try {
    const { user, homeApp, homeDataset } = world();
    const model = `gated-${Date.now().toString(36)}`;
    await admin(["create-model-version", "--email", user.email, "--app", homeApp, "--model", model, "--endpoint", endpoint.url, "--endpoint-model", "gated", "--like-dataset", homeDataset]);

    await openModel(page, homeApp, model);
    const picker = page.getByLabel("Evaluation Dataset for v1");
    await picker.selectOption({ label: await picker.locator("option", { hasText: homeDataset }).first().innerText() });
    await page.getByRole("row").filter({ has: picker }).getByRole("button", { name: "Evaluate" }).click();
    await expect(page.getByRole("heading", { name: /Evaluation results/ })).toBeVisible();
    await page.getByRole("button", { name: "Evaluate" }).click();

    // Images are at the endpoint, held there: cancel the run.
    const progress = page.getByRole("progressbar", { name: "Evaluation progress" });
    await expect(progress).toBeVisible();
    await expect.poll(() => endpoint.infers()).toBeGreaterThan(0);
    await page.getByRole("button", { name: "Cancel" }).click();
    await expect(page.getByText("The evaluation was cancelled.")).toBeVisible();

    // The cancelled run's images are answered; the next run's wait until the page shows it running.
    endpoint.open();
    endpoint.hold();
    const before = endpoint.infers();
    await page.getByRole("button", { name: "Evaluate" }).click();
    await expect(progress).toBeVisible();
    await expect.poll(() => endpoint.infers()).toBeGreaterThan(before);
    // From here only the page's own polling can bring the results: a status cached from the cancelled attempt used
    // to stop it, and the bar stayed where it was until a reload.
    endpoint.open();
    await expect(page.getByTestId("miou")).toHaveText(/^\d+\.\d%$/, { timeout: 60_000 });
  } finally {
    endpoint.open();
    await endpoint.close();
  }
});
