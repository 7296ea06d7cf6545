import "server-only";
/**
 * Which server process holds a run or an import: a holder id
 * `host|bootId|pid|startTicks|nonce`. A process on the same host can tell
 * that another holder is dead (other boot, pid gone, or pid reused by a
 * process that started at another time) and take its work over at once,
 * without waiting for a heartbeat lease. Holders on other hosts are never
 * judged dead here (their lease still applies).
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { hostname } from "node:os";

function readBootId(): string {
  try {
    return readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim().slice(0, 8);
  } catch {
    return "noboot";
  }
}

/** Field 22 of /proc/<pid>/stat: the process's start time in clock ticks after boot; null when unknown or gone. */
function readStartTicks(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

const safeHost = () => hostname().replace(/\|/g, "_");

/** A new holder id for this process (one per worker loop or import; the nonce tells them apart). */
export function newHolderId(): string {
  return [safeHost(), readBootId(), process.pid, readStartTicks(process.pid) ?? "0", randomUUID().slice(0, 8)].join("|");
}

/**
 * True when `holderId` names a process on this host that is certainly gone:
 * another boot, no such pid, or a pid now used by a process that started at
 * another time. False for live holders, other hosts and ids of another form.
 */
export function isHolderDead(holderId: string | null): boolean {
  if (!holderId) return false;
  const parts = holderId.split("|");
  if (parts.length !== 5) return false;
  const [host, boot, pidText, ticks] = parts;
  if (host !== safeHost()) return false;
  if (boot !== readBootId()) return true;
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (!pidAlive(pid)) return true;
  const current = readStartTicks(pid);
  return current !== null && ticks !== "0" && current !== ticks;
}
