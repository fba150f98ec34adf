// One question on the terminal: the prompt goes to stderr (stdout stays for output a script may
// read), the answer comes from stdin. End of input or Ctrl-C is an empty answer, which callers read
// as no.
import { createInterface } from "node:readline";

export function ask(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  return new Promise<string>((resolve) => {
    let answered = false;
    const done = (answer: string) => {
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
