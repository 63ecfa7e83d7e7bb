-- wrk script for benchmarks/load.py: a realistic mix of what readers do.
--   70% content pages (every language), 20% search posts (real-world queries),
--   10% the directory with filters and help finder answers (half each).
-- Arguments: the mix data file written by load.py, and the most requests a thread may send.
local counter = 0
local threads = {}

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

local limit, sent
local form = { ["Content-Type"] = "application/x-www-form-urlencoded", ["Accept-Encoding"] = "gzip" }
local plain = { ["Accept-Encoding"] = "gzip" }

function init(args)
  dofile(args[1])
  limit = tonumber(args[2])
  sent = 0
  math.randomseed(1000 + id)
end

local function pick(list)
  return list[math.random(#list)]
end

local function post(entry)
  local path, body = entry:match("^(.-)\t(.*)$")
  return wrk.format("POST", path, form, body)
end

function request()
  sent = sent + 1
  local roll = math.random(100)
  if roll <= 70 then
    return wrk.format("GET", pick(pages), plain)
  elseif roll <= 90 then
    return post(pick(searches))
  elseif roll <= 95 then
    return wrk.format("GET", pick(directory), plain)
  else
    return post(pick(finder))
  end
end

function response(status, headers, body)
  if sent >= limit then
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests": %d, "seconds": %.3f, "p50_us": %d, "p99_us": %d, "max_us": %d, ' ..
    '"connect": %d, "read": %d, "write": %d, "timeout": %d, "status": %d}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(99),
    latency.max, e.connect, e.read, e.write, e.timeout, e.status))
end
