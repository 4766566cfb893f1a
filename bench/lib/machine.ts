// What the numbers were measured on: they mean nothing without cores, memory and versions.
import { execSync } from "node:child_process";
import { cpus, totalmem } from "node:os";

export interface MachineInfo {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  platform: string;
  commit: string | null;
  date: string;
}

export function machineInfo(): MachineInfo {
  let commit: string | null = null;
  try {
    commit = execSync("git rev-parse --short HEAD", { stdio: ["ignore", "pipe", "ignore"] }).toString().trim();
  } catch {
    commit = null;
  }
  return {
    cores: cpus().length,
    cpuModel: cpus()[0]?.model ?? "unknown",
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    commit,
    date: new Date().toISOString(),
  };
}
