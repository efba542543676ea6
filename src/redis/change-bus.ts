/**
 * Change notices between instances: when one instance changes a profile or a session, the others
 * hear of it within moments and refresh what they derived from it (the match index, live
 * lobbies). A notice lost while Redis reconnects is no worse than the match index's weekly
 * rebuild: the database stays the truth, and every instance reloads a record it is told about.
 */
import type { Redis } from 'ioredis';

export interface ChangeNotice {
  topic: 'profile' | 'session' | 'matches';
  id: string;
  /** The instance that made the change, which has already applied it. */
  from: string;
}

export interface ChangeBus {
  publish(notice: ChangeNotice): Promise<void>;
  close(): Promise<void>;
}

export async function openChangeBus(
  redis: Redis,
  prefix: string,
  instanceId: string,
  deliver: (notice: ChangeNotice) => void,
): Promise<ChangeBus> {
  const subscriber = redis.duplicate();
  subscriber.on('error', () => {});
  subscriber.on('message', (_channel: string, text: string) => {
    let notice: ChangeNotice;
    try {
      notice = JSON.parse(text) as ChangeNotice;
    } catch {
      return;
    }
    if (notice.from !== instanceId && ['profile', 'session', 'matches'].includes(notice.topic))
      deliver(notice);
  });
  await subscriber.subscribe(`${prefix}changes`);
  return {
    publish: async (notice) => {
      await redis.publish(`${prefix}changes`, JSON.stringify(notice));
    },
    close: async () => {
      subscriber.disconnect();
    },
  };
}
