/**
 * How ProxyGraph's Node.js process should be started in production (the Dockerfile's NODE_OPTIONS, `npm
 * start`, the benches). Without a heap limit V8 sizes the old generation from the machine's memory (about
 * 4 GB on a 24 GiB machine) and, under load, lets it grow long before collecting: resident memory under 32
 * concurrent 100-proxy pages went to 280–400 MB. With a limit it collects earlier: 172–175 MB at 192, 256,
 * 384 or 512 MB, with throughput within the bench's noise (BENCHMARKS.md). 512 MB leaves room for every
 * bounded cache at its default size (read cache 64 MiB, persisted queries 32 MiB, parsed documents, the
 * file audit log's 100 000 entries) and a large estate's pages in flight.
 */
export const PRODUCTION_HEAP_LIMIT_MB = 512;

export const PRODUCTION_NODE_FLAGS: readonly string[] = [`--max-old-space-size=${PRODUCTION_HEAP_LIMIT_MB}`];
