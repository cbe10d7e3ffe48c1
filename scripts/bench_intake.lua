-- wrk script for scripts/bench-intake.sh: every request is a report (POST /api/v1/reports)
-- from a new client (its own X-Forwarded-For address, counter-based) of the next
-- service/problem pair, round-robin. Responses are counted per thread (202 and the rest)
-- and summed in done(), which prints one machine-readable line for the shell script:
--   bench-intake: requests=R duration_us=D rps=X p50_ms=A p99_ms=B accepted=N other=M errors=E first_other=...
-- Usage: wrk -s bench_intake.lua URL -- PAIRS_FILE  (one "slug problem" pair a line)

local threads = {}
local next_id = 0

-- Runs in the main state once per thread, before it starts: give each thread its number.
function setup(thread)
   thread:set("id", next_id)
   next_id = next_id + 1
   table.insert(threads, thread)
end

local pairs_list = {}
local count = 0        -- requests made by this thread
local thread_count = 1
accepted = 0           -- 202 answers (read by done() through thread:get)
other = 0              -- any other status
first_other = ""       -- the first non-202 status and body, for the diagnosis

function init(args)
   local path = args[1]
   if path == nil then error("bench_intake.lua: pass the pairs file after --") end
   for line in io.lines(path) do
      local slug, problem = line:match("^(%S+)%s+(%S+)$")
      if slug then table.insert(pairs_list, '{"service":"' .. slug .. '","problem":"' .. problem .. '"}') end
   end
   if #pairs_list == 0 then error("bench_intake.lua: no service/problem pairs in " .. path) end
   thread_count = tonumber(args[2]) or 1
   wrk.method = "POST"
   wrk.headers["Content-Type"] = "application/json"
   wrk.headers["Accept"] = "application/json"
end

-- The n-th client address overall (threads interleave, so no two requests share one):
-- 10.0.0.1 upwards, 16 million addresses before it would wrap into 11.x.
local function address(n)
   n = n + 1
   local a = 10 + math.floor(n / 16777216)
   local b = math.floor(n / 65536) % 256
   local c = math.floor(n / 256) % 256
   local d = n % 256
   return a .. "." .. b .. "." .. c .. "." .. d
end

function request()
   local n = count * thread_count + id
   count = count + 1
   local body = pairs_list[(n % #pairs_list) + 1]
   wrk.headers["X-Forwarded-For"] = address(n)
   return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
   if status == 202 then
      accepted = accepted + 1
   else
      other = other + 1
      if first_other == "" then first_other = status .. " " .. (body or ""):gsub("%s+", " "):sub(1, 200) end
   end
end

function done(summary, latency, requests)
   local total_accepted, total_other, first = 0, 0, ""
   for _, thread in ipairs(threads) do
      total_accepted = total_accepted + (thread:get("accepted") or 0)
      total_other = total_other + (thread:get("other") or 0)
      local f = thread:get("first_other") or ""
      if first == "" then first = f end
   end
   local e = summary.errors
   local errors = e.connect + e.read + e.write + e.timeout
   local seconds = summary.duration / 1e6
   io.write(string.format(
      "bench-intake: requests=%d duration_us=%d rps=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f accepted=%d other=%d errors=%d timeouts=%d first_other=%s\n",
      summary.requests, summary.duration, summary.requests / seconds,
      latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
      total_accepted, total_other, errors, e.timeout, first:gsub("%s", "_")))
end
