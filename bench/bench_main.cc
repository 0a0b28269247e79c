// The main() of kroniek_bench (every bench/*.cc is linked into that one binary).
#include <benchmark/benchmark.h>

BENCHMARK_MAIN();
