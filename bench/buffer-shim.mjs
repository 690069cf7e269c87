// gray-matter calls Node's `Buffer`; browsers have none, so esbuild injects this one.
export { Buffer } from 'buffer';
