import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import "./chunk-5ZXHR5OE.js";

// src/commands/ask.ts
import { createInterface } from "node:readline";
function ask(question) {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  return new Promise((resolve) => {
    let answered = false;
    const done = (answer) => {
      if (answered) return;
      answered = true;
      rl.close();
      resolve(answer);
    };
    rl.on("close", () => done(""));
    rl.on("SIGINT", () => {
      process.stderr.write("\n");
      done("");
    });
    rl.question(question, done);
  });
}
export {
  ask
};
