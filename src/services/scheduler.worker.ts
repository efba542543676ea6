/**
 * Runs the scheduler in a worker thread: the instance and options come in as `workerData`, the
 * schedule goes back as one message. The scheduler searches for seconds; here it keeps the
 * server's event loop free meanwhile. Nothing but the pure domain code is loaded.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type Instance, type SchedulerOptions, schedule } from '../domain/scheduler';

const { instance, options } = workerData as { instance: Instance; options: SchedulerOptions };
parentPort!.postMessage(schedule(instance, options));
