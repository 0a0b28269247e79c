-- wrk script for the store's load test (bench/store_bench.sh): requests cycle through the paths
-- in the file named by $KRONIEK_PATHS (one per line, from `kroniek bench load --paths-out`), each
-- connection starting at its own place; any status other than 200 counts as an error.
local paths = {}
for line in io.lines(os.getenv("KRONIEK_PATHS")) do
  if #line > 0 then paths[#paths + 1] = line end
end
local counter = 0
local errors = 0

function setup(thread)
  thread:set("start", counter)
  counter = counter + 1
end

function init(args)
  i = (start or 0) * 7
  errors = 0
end

function request()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end

function response(status, headers, body)
  if status ~= 200 then errors = errors + 1 end
end

function done(summary, latency, requests)
  io.write(string.format("wrk: %d requests in %.1f s = %.0f requests/s; non-200: %d; socket "
                         .. "errors: %d connect, %d read, %d write, %d timeout; latency p50 %.2f "
                         .. "ms, p99 %.2f ms\n",
                         summary.requests, summary.duration / 1e6,
                         summary.requests / (summary.duration / 1e6), summary.errors.status,
                         summary.errors.connect, summary.errors.read, summary.errors.write,
                         summary.errors.timeout, latency:percentile(50) / 1000,
                         latency:percentile(99) / 1000))
end
