export { encodePlain, decodePlain } from './codec.js';
export { parseQueueUrl, assertQueueReachable } from './queue-url.js';
export type { QueueConnection } from './queue-url.js';
export { queueExecutor, jobIds, defaultQueueName } from './queue-executor.js';
export type { QueueExecutorOptions, QueueJobData } from './queue-executor.js';
export { startQueueWorker } from './queue-worker.js';
export type { QueueWorkerOptions, QueueWorker, QueueWorkerEvent } from './queue-worker.js';
export { redisServerAvailable, startTestRedis, freePort } from './local-redis.js';
export type { TestRedis } from './local-redis.js';
