/**
 * Why this file exists: the shared rate-limit store is tested against a real Redis. This starts
 * `redis-server` (from PATH) on 127.0.0.1 on a free port, without persistence, waits until it
 * answers PING, and stops it by its PID. If it cannot start, it throws with the reason: tests
 * fail, they never skip (`.ci/run` installs Debian's redis-server when it is missing).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createConnection, createServer } from "node:net";

export interface RedisServer {
  url: string;
  port: number;
  pid: number;
  /** SIGKILL, as a crash or a lost host would. */
  kill(): Promise<void>;
  /** SIGTERM by PID, and wait for the exit. */
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** True when something on `port` answers a RESP `PING` with `+PONG`. */
export function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once("error", () => done(false));
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.once("data", (data) => done(data.toString().startsWith("+PONG")));
  });
}

export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort();
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"];
  let child: ChildProcess;
  let output = "";
  let failure: string | undefined;
  try {
    child = spawn("redis-server", args, { stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    throw new Error(`redis-server could not start: ${(e as Error).message}`);
  }
  child.stdout?.on("data", (d: Buffer) => (output = (output + d.toString()).slice(-2000)));
  child.stderr?.on("data", (d: Buffer) => (output = (output + d.toString()).slice(-2000)));
  child.once("error", (e) => (failure = e.message));
  child.once("exit", (code, signal) => (failure ??= `exited with ${code ?? signal}`));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const orphanGuard = () => child.kill("SIGKILL"); // a test run that dies leaves no redis-server
  process.once("exit", orphanGuard);
  void exited.then(() => process.off("exit", orphanGuard));
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (failure || Date.now() > deadline) {
      child.kill("SIGKILL");
      const hint = /ENOENT/.test(failure ?? "") ? " (not on PATH: apt-get install -y redis-server)" : "";
      throw new Error(
        `redis-server could not start on 127.0.0.1:${port}: ${failure ?? "no PONG within 10 s"}${hint}\n${output}`,
      );
    }
    if (await answersPing(port)) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const pid = child.pid as number;
  const signal = async (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) process.kill(pid, name);
    await exited;
  };
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    pid,
    kill: () => signal("SIGKILL"),
    stop: () => signal("SIGTERM"),
  };
}
