import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  controllerNote,
  status
} from "./chunk-FNDMMCLI.js";
import "./chunk-UWZLKIEG.js";
import "./chunk-JV4CEZL6.js";
import "./chunk-BSK7IOA7.js";
import "./chunk-5JMQ7LUJ.js";
import "./chunk-VEHN3BLQ.js";
import "./chunk-J6NCMGA2.js";
import "./chunk-VP4HWAEJ.js";
import "./chunk-IJQPKFB2.js";
import {
  withClient
} from "./chunk-ZF2MBM3L.js";
import "./chunk-7VA77F3F.js";
import "./chunk-2B7W3GXR.js";
import "./chunk-VE5DZ3QN.js";
import "./chunk-VQJSBGHP.js";
import "./chunk-PU3PLDT3.js";
import "./chunk-FZVE6M4T.js";
import "./chunk-6XWRUFJL.js";
import "./chunk-332YSSNY.js";
import "./chunk-GQRYKDSJ.js";
import "./chunk-5ZXHR5OE.js";

// src/commands/status-watch.ts
import { setTimeout as sleep } from "node:timers/promises";
var WATCH_INTERVAL_MS = 2e3;
async function watchStatus(opts) {
  await withClient(opts, async (client) => {
    let shown;
    let lastError;
    let first = true;
    while (!opts.signal.aborted) {
      try {
        const rows = await status({ ...opts, client });
        const note = opts.withNote === false ? void 0 : await controllerNote(client, rows, opts.controllerLease);
        lastError = void 0;
        const key = JSON.stringify([rows, note !== void 0]);
        if (key !== shown) {
          shown = key;
          opts.onRows(rows, note);
        }
      } catch (err) {
        if (first || opts.signal.aborted) throw err;
        const message = err instanceof Error ? err.message : String(err);
        if (message !== lastError) opts.onError(message);
        lastError = message;
      }
      first = false;
      await sleep(opts.intervalMs ?? WATCH_INTERVAL_MS, void 0, { signal: opts.signal }).catch(
        () => void 0
      );
    }
  });
}
export {
  WATCH_INTERVAL_MS,
  watchStatus
};
