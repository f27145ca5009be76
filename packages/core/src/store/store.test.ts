import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eventStoreContract } from "./contract.testkit.js";
import { MemoryEventStore } from "./memory.js";
import { SqliteEventStore } from "./sqlite.js";

eventStoreContract("MemoryEventStore", () => new MemoryEventStore());
eventStoreContract("SqliteEventStore (:memory:)", () => new SqliteEventStore(":memory:"));
eventStoreContract("SqliteEventStore (file)", () => new SqliteEventStore(join(mkdtempSync(join(tmpdir(), "kyoyaku-store-")), "k.db")));
