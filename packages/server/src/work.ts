/**
 * Heavy requests off the event loop. A 新旧対照表 of thousands of 条, a search, a verify or a
 * viewer page renders for seconds; on the event loop that would stall every other client.
 * Such requests run in worker threads (node:worker_threads), each with its own read-only
 * connection to the SQLite file and its own copy of the app, under a time budget: a request
 * that spends it (waiting in the bounded queue or running) is answered 503 with Retry-After,
 * and a worker still running it is terminated (and replaced on the next request).
 *
 * @module
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { ParseOptions } from "@kyoyaku/text";
import { problem, ProblemError, problemResponse } from "./problem.js";

/** How heavy requests are run. */
export interface WorkOptions {
  /**
   * The database file the workers open read-only. Without it (an engine on memory, an
   * embedder's own engine) heavy requests run on the event loop, without a budget.
   */
  readonly db?: string;
  /** Worker threads (default: one less than the cores, at least 1, at most 4). */
  readonly workers?: number;
  /** Time budget of one heavy request in milliseconds, queue wait included (default 30 000). */
  readonly timeBudgetMs?: number;
  /** Heavy requests that may wait for a worker; more are refused at once with 503 (default 32). */
  readonly maxQueue?: number;
  /** Heap limit of a worker in MiB (default 1024): a runaway request ends its worker, not the server. */
  readonly workerHeapMb?: number;
}

/** Default time budget of a heavy request: 30 s. */
export const DEFAULT_TIME_BUDGET_MS = 30_000;

/** A request as posted to a worker (a Request cannot be cloned across threads). */
export interface WireRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: readonly (readonly [string, string])[];
  /** The body of a POST (a draft's text), already within the app's body limit. */
  readonly body?: Uint8Array;
}

/** A response as a worker posts it back. */
export interface WireResponse {
  readonly status: number;
  readonly headers: readonly (readonly [string, string])[];
  readonly body: Uint8Array | null;
}

/** One job for a worker: an HTTP request to its app, or the parse of an import's text. */
export type Job =
  | { readonly kind: "http"; readonly request: WireRequest }
  | { readonly kind: "parse"; readonly text: string; readonly options: ParseOptions };

interface Pending {
  readonly id: number;
  readonly job: Job;
  readonly deadline: number;
  resolve(value: unknown): void;
  reject(e: unknown): void;
  timer?: ReturnType<typeof setTimeout>;
  worker?: Slot;
}

interface Slot {
  readonly worker: Worker;
  job?: Pending;
}

// Under vitest the sources run as TypeScript: the worker is then the built one.
const WORKER_URL = import.meta.url.endsWith(".ts") ? new URL("../dist/worker.js", import.meta.url) : new URL("./worker.js", import.meta.url);

/**
 * Seconds a client should wait before asking again after a 503.
 *
 * @example
 * retryAfter(2000); // "2"
 */
export function retryAfter(budgetMs: number): string {
  return String(Math.max(1, Math.min(60, Math.ceil(budgetMs / 1000))));
}

/**
 * The 503 a spent time budget is answered with.
 *
 * @example
 * budgetSpent(2000).status; // 503
 */
export function budgetSpent(budgetMs: number): ProblemError {
  return new ProblemError(
    problem("server.time-budget", `この要求は制限時間 ${budgetMs / 1000} 秒を超えたため中止した。範囲を狭める（短い期間、一つの協約）か、管理者に --time-budget を上げてもらうこと`),
  );
}

/**
 * A bounded pool of worker threads, each holding a read-only engine on `db`.
 *
 * @example
 * const pool = new WorkPool({ db: "kyoyaku.db", timeBudgetMs: 2000 });
 * const res = await pool.fetch(new Request("http://127.0.0.1/api/verify"));
 * await pool.close();
 */
export class WorkPool {
  readonly budgetMs: number;
  readonly #db: string;
  readonly #size: number;
  readonly #maxQueue: number;
  readonly #heapMb: number;
  readonly #maxBodyBytes: number | undefined;
  readonly #slots: Slot[] = [];
  readonly #queue: Pending[] = [];
  #next = 1;
  #closed = false;

  constructor(options: WorkOptions & { readonly db: string; readonly maxBodyBytes?: number }) {
    this.#db = options.db;
    this.#maxBodyBytes = options.maxBodyBytes;
    this.#size = Math.max(1, Math.trunc(options.workers ?? Math.min(4, Math.max(1, availableParallelism() - 1))));
    this.budgetMs = Math.max(1, options.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS);
    this.#maxQueue = Math.max(0, options.maxQueue ?? 32);
    this.#heapMb = options.workerHeapMb ?? 1024;
  }

  /** Answer a request in a worker (a GET, or a draft's POST with its body). */
  async fetch(request: Request): Promise<Response> {
    const headers: [string, string][] = [];
    request.headers.forEach((v, k) => headers.push([k, v]));
    const body = request.method === "GET" || request.method === "HEAD" ? undefined : new Uint8Array(await request.arrayBuffer());
    const r = (await this.#run({ kind: "http", request: { method: request.method, url: request.url, headers, ...(body !== undefined && { body }) } })) as WireResponse;
    return new Response(r.body as ConstructorParameters<typeof Response>[0], { status: r.status, headers: r.headers as [string, string][] });
  }

  /** Parse an import's text in a worker (the parse is the heavy half of an import). */
  parse<T>(text: string, options: ParseOptions): Promise<T> {
    return this.#run({ kind: "parse", text, options }) as Promise<T>;
  }

  /** Terminate every worker; queued requests are refused. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const p of this.#queue.splice(0)) this.#settle(p, new ProblemError(problem("server.busy", "サーバーを停止中")));
    await Promise.all(this.#slots.splice(0).map((s) => s.worker.terminate()));
  }

  #run(job: Job): Promise<unknown> {
    if (this.#closed) return Promise.reject(new ProblemError(problem("server.busy", "サーバーを停止中")));
    return new Promise((resolve, reject) => {
      const p: Pending = { id: this.#next++, job, deadline: Date.now() + this.budgetMs, resolve, reject };
      p.timer = setTimeout(() => this.#expire(p), this.budgetMs);
      const slot = this.#idle();
      if (slot !== undefined) return this.#start(slot, p);
      if (this.#queue.length >= this.#maxQueue) {
        clearTimeout(p.timer);
        return reject(new ProblemError(problem("server.busy", `重い要求がすでに ${this.#queue.length} 件待っている。しばらくして再度送ること`)));
      }
      this.#queue.push(p);
    });
  }

  #idle(): Slot | undefined {
    const free = this.#slots.find((s) => s.job === undefined);
    if (free !== undefined) return free;
    if (this.#slots.length < this.#size) return this.#spawn();
    return undefined;
  }

  #spawn(): Slot {
    const worker = new Worker(WORKER_URL, {
      workerData: { db: this.#db, maxBodyBytes: this.#maxBodyBytes },
      resourceLimits: { maxOldGenerationSizeMb: this.#heapMb },
    });
    worker.unref();
    const slot: Slot = { worker };
    worker.on("message", (m: { id: number; ok: boolean; value?: unknown; error?: { code?: string; message: string } }) => {
      const p = slot.job;
      if (p === undefined || p.id !== m.id) return;
      slot.job = undefined;
      if (m.ok) this.#settle(p, undefined, m.value);
      else this.#settle(p, workerError(m.error));
      this.#pump();
    });
    const lost = (e: unknown): void => {
      this.#drop(slot);
      const p = slot.job;
      slot.job = undefined;
      if (p !== undefined) {
        const oom = (e as { code?: string } | undefined)?.code === "ERR_WORKER_OUT_OF_MEMORY";
        this.#settle(p, new ProblemError(oom ? problem("server.time-budget", "この要求は作業プロセスが使えるメモリを超えたため中止した。範囲を狭めること") : problem("internal", "内部エラー。詳細はサーバーのログにある")));
        if (!oom) console.error(e);
      }
      this.#pump();
    };
    worker.on("error", lost);
    worker.on("exit", (code) => lost(code === 0 ? undefined : new Error(`worker exited with code ${code}`)));
    this.#slots.push(slot);
    return slot;
  }

  #drop(slot: Slot): void {
    const i = this.#slots.indexOf(slot);
    if (i >= 0) this.#slots.splice(i, 1);
  }

  #start(slot: Slot, p: Pending): void {
    slot.job = p;
    p.worker = slot;
    slot.worker.postMessage({ id: p.id, job: p.job });
  }

  #pump(): void {
    while (this.#queue.length > 0) {
      const slot = this.#idle();
      if (slot === undefined) return;
      this.#start(slot, this.#queue.shift()!);
    }
  }

  #expire(p: Pending): void {
    const q = this.#queue.indexOf(p);
    if (q >= 0) this.#queue.splice(q, 1);
    const slot = p.worker;
    if (slot !== undefined && slot.job === p) {
      // The work cannot be interrupted inside the thread: end the thread.
      slot.job = undefined;
      this.#drop(slot);
      void slot.worker.terminate();
    }
    this.#settle(p, budgetSpent(this.budgetMs));
    this.#pump();
  }

  #settle(p: Pending, error: unknown, value?: unknown): void {
    if (p.timer !== undefined) clearTimeout(p.timer);
    p.timer = undefined;
    if (error !== undefined) p.reject(error);
    else p.resolve(value);
  }
}

function workerError(e: { code?: string; message: string } | undefined): unknown {
  if (e?.code !== undefined && e.code !== "internal") return new ProblemError(problem(e.code, e.message));
  return new ProblemError(problem("internal", "内部エラー。詳細はサーバーのログにある"));
}

/** The 503 response of a spent budget or a full queue, with Retry-After. */
export function unavailable(e: ProblemError, budgetMs: number): Response {
  return problemResponse(e.problem, { "retry-after": retryAfter(budgetMs) });
}
