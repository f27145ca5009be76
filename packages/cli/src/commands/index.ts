/**
 * Every command, in the order `kyoyaku --help` lists them.
 *
 * @module
 */
import type { Command } from "../command.js";
import { audit } from "./audit.js";
import { correct } from "./correct.js";
import { demo } from "./demo.js";
import { diff } from "./diff.js";
import { draftCommand } from "./draft.js";
import { exportCommand } from "./export.js";
import { history } from "./history.js";
import { importCommand } from "./import.js";
import { init } from "./init.js";
import { list } from "./list.js";
import { declineRenewal, notice, renew, withdrawNotice } from "./notice.js";
import { ratify } from "./ratify.js";
import { resolveCommand } from "./resolve.js";
import { search } from "./search.js";
import { serveCommand } from "./serve.js";
import { show } from "./show.js";
import { verify } from "./verify.js";

export const COMMANDS: readonly Command[] = [
  init, importCommand, ratify, resolveCommand, correct, notice, withdrawNotice, renew, declineRenewal,
  list, show, history, diff, draftCommand, search, audit, exportCommand, verify, serveCommand, demo,
];

