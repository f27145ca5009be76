import { readFileSync } from "node:fs";
import { readDocument } from "./dist/index.js";
const r = await readDocument(readFileSync(process.argv[2]), "x");
console.log(r.ok ? r.text : r.issues);
