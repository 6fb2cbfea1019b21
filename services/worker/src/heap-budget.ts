// The worker's V8 heap budget, given to node when the worker or a rebuild starts (package.json scripts, the compose
// worker's command, the bench's rebuild child). The runner bounds what it keeps live (its row cache and a batch in
// flight: about 200 MB at 2 million events), but left alone V8 lets a rebuild's garbage grow the heap to about four
// times that before collecting it; with this budget it collects sooner and a 2M-event rebuild stays under 1 GB.
export const WORKER_HEAP_MB = 640;

/**
 * The node flag that sets the budget. Given on the command line it wins over one in NODE_OPTIONS: a larger province
 * changes WORKER_HEAP_MB and the flag in package.json and docker-compose.yml (tests/deploy/compose.test.ts checks they
 * agree), or starts the worker with its own flag.
 */
export const WORKER_HEAP_FLAG = `--max-old-space-size=${WORKER_HEAP_MB}`;
