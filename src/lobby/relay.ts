/**
 * What instances say to each other about lobbies over Redis pub/sub. An instance that holds a
 * socket (its "holder") relays what the socket does to the room's owner; the owner answers with
 * steps for the holder's sockets, addressed by tab. Messages on one channel from one publisher
 * arrive in order, which is all the ordering a room needs: one tab's frames come from one holder,
 * and one holder's deliveries from one owner.
 */
import type { Admission } from './hub';

/** Holder → owner. `tab` is the holder's name for the socket, unique within that holder. */
export type ToOwner =
  | { t: 'open'; from: string; tab: string; s: string; admission: Admission }
  | { t: 'frame'; from: string; tab: string; s: string; text: string }
  | { t: 'close'; from: string; tab: string; s: string };

/** One thing the owner has a holder do, in order; `to` names the holder's tabs. */
export type Step =
  | { send: string; to: string[] }
  | { close: number; reason: string; to: string[] }
  | { terminate: true; to: string[] };

/** Owner → holder. */
export interface ToHolder {
  t: 'out';
  steps: Step[];
}

/** Owner → every instance: someone was removed, so that any instance refuses them before the upgrade. */
export interface Removed {
  t: 'removed';
  s: string;
  p: string;
}

export type RelayMessage = ToOwner | ToHolder | Removed;

export function parseRelay(text: string): RelayMessage | null {
  try {
    const m = JSON.parse(text) as RelayMessage;
    return typeof m === 'object' && m !== null && typeof m.t === 'string' ? m : null;
  } catch {
    return null;
  }
}

/**
 * The steps for one holder gathered during one turn of the event loop, sent as one message. A
 * frame the room sends to many tabs is one buffer handed to each of them; consecutive sends of the
 * same buffer become one step, so a chat line to thousands of people on another instance is one
 * copy of the line and a list of tab names, not thousands of messages.
 */
export class StepBatch {
  readonly steps: Step[] = [];
  private lastData: Buffer | null = null;

  send(tab: string, data: Buffer): void {
    const last = this.steps.at(-1);
    if (last && 'send' in last && this.lastData === data) {
      last.to.push(tab);
      return;
    }
    this.steps.push({ send: data.toString(), to: [tab] });
    this.lastData = data;
  }

  close(tab: string, code: number, reason: string): void {
    const last = this.steps.at(-1);
    this.lastData = null;
    if (last && 'close' in last && last.close === code && last.reason === reason) {
      last.to.push(tab);
      return;
    }
    this.steps.push({ close: code, reason, to: [tab] });
  }

  terminate(tab: string): void {
    this.lastData = null;
    this.steps.push({ terminate: true, to: [tab] });
  }
}
