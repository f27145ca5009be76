/**
 * A worker thread of {@link WorkPool}: its own read-only engine on the database file and its
 * own app (the same routes, no Host check, no workers of its own), answering the heavy
 * requests the main thread posts, one at a time.
 *
 * @module
 */
import { parentPort, workerData } from "node:worker_threads";
import { isKyoyakuError, openKyoyaku } from "@kyoyaku/core";
import { parseText } from "@kyoyaku/text";
import { createApp } from "./app.js";
import type { Job, WireResponse } from "./work.js";

const { db, maxBodyBytes } = workerData as { db: string; maxBodyBytes?: number };
const engine = openKyoyaku({ path: db, readonly: true });
const app = createApp({ engine, ...(maxBodyBytes !== undefined && { limits: { maxBodyBytes } }) });

async function answer(job: Job): Promise<unknown> {
  if (job.kind === "parse") return parseText(job.text, job.options);
  const r = job.request;
  const res = await app.fetch(new Request(r.url, { method: r.method, headers: r.headers as [string, string][], ...(r.body !== undefined && { body: r.body as RequestInit["body"] }) }));
  const headers: [string, string][] = [];
  res.headers.forEach((v, k) => headers.push([k, v]));
  const body = res.body === null ? null : new Uint8Array(await res.arrayBuffer());
  const wire: WireResponse = { status: res.status, headers, body };
  return wire;
}

parentPort!.on("message", (m: { id: number; job: Job }) => {
  answer(m.job).then(
    (value) => {
      // A response body is moved to the main thread, not copied.
      const body = (value as Partial<WireResponse> | undefined)?.body;
      parentPort!.postMessage({ id: m.id, ok: true, value }, body instanceof Uint8Array ? [body.buffer as ArrayBuffer] : []);
    },
    (e: unknown) => {
      if (!isKyoyakuError(e)) console.error(e);
      parentPort!.postMessage({ id: m.id, ok: false, error: { code: isKyoyakuError(e) ? e.code : "internal", message: isKyoyakuError(e) ? e.message : "internal error" } });
    },
  );
});
