// npm start supervises the Hardhat node and Vite with firstExit: whichever stops first ends the stack with a message.
import { expect } from "chai";
import { describeExit, firstExit, startProcess } from "../../scripts/local/chain.ts";

const nodeRunning = (script: string) => startProcess(process.execPath, ["-e", script], { stdio: "ignore" });

describe("scripts/local/chain: supervising long-running processes", function () {
  it("test_FirstExitReportsTheProcessThatStoppedFirst", async function () {
    const steady = nodeRunning("setInterval(() => {}, 1000)");
    const crashing = nodeRunning("setTimeout(() => process.exit(3), 100)");
    try {
      const exit = await firstExit({ "the Hardhat node": steady, "the Vite dev server": crashing });
      expect(exit).to.deep.equal({ name: "the Vite dev server", code: 3, signal: null });
      expect(describeExit(exit)).to.equal("the Vite dev server exited with code 3");
      expect(steady.proc.exitCode).to.equal(null);
    } finally {
      await Promise.all([steady.stop(), crashing.stop()]);
    }
  });

  it("test_FirstExitReportsAKillBySignal", async function () {
    const killed = nodeRunning("setInterval(() => {}, 1000)");
    const exited = firstExit({ "the Hardhat node": killed });
    process.kill(killed.proc.pid!, "SIGKILL");
    expect(describeExit(await exited)).to.equal("the Hardhat node was killed by SIGKILL");
  });

  it("test_FirstExitResolvesAtOnceForAProcessThatAlreadyExited", async function () {
    const quick = nodeRunning("process.exit(0)");
    await new Promise((resolve) => quick.proc.once("exit", resolve));
    expect(await firstExit({ quick })).to.deep.equal({ name: "quick", code: 0, signal: null });
  });
});
