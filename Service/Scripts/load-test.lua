-- wrk script for Service/Scripts/load-test.sh: many organisations saving at once.
--
-- Every organisation's nine questions are cells; each save writes one cell that no other save touches, with a
-- note naming it ("load <cell>"), so that afterwards the database must hold every acknowledged (303) save. Cells
-- are dealt out to wrk's threads in turn; a thread that has used up its cells loads forms instead (GET), as
-- people coming back to their link do.
local visits = dofile(os.getenv("LOAD_VISITS"))
local questions = {"hr.learn", "hr.continuity", "tech.inventory", "tech.network", "tech.standards", "fin.plan",
                   "fin.grants", "fin.track", "org.policies"}
local options = {"none", "partial", "largely", "full"}
local threads = {}
local thread_count = tonumber(os.getenv("LOAD_THREADS"))
local cells = #visits * #questions

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  next_cell = id
  saves, acknowledged, reads, failures = 0, 0, 0, 0
end

function request()
  if next_cell < cells then
    local cell = next_cell
    next_cell = next_cell + thread_count
    local visit = visits[math.floor(cell / #questions) + 1]
    local question = questions[(cell % #questions) + 1]
    saves = saves + 1
    local body = "csrf=" .. visit.csrf .. "&lang=en&answer." .. question .. "=" .. options[(cell % 4) + 1]
      .. "&note." .. question .. "=load+" .. cell
    return wrk.format("POST", visit.path .. "/save",
      {["Content-Type"] = "application/x-www-form-urlencoded", ["Cookie"] = visit.cookie}, body)
  end
  reads = reads + 1
  local visit = visits[(reads % #visits) + 1]
  return wrk.format("GET", visit.path, {["Cookie"] = visit.cookie})
end

function response(status, headers, body)
  if status == 303 then
    acknowledged = acknowledged + 1
  elseif status ~= 200 then
    failures = failures + 1
  end
end

function done(summary, latency, requests)
  local saves, acknowledged, reads, failures = 0, 0, 0, 0
  for _, thread in ipairs(threads) do
    saves = saves + thread:get("saves")
    acknowledged = acknowledged + thread:get("acknowledged")
    reads = reads + thread:get("reads")
    failures = failures + thread:get("failures")
  end
  io.write(string.format("requests: %d in %.1f s, %.0f per second\n", summary.requests,
    summary.duration / 1e6, summary.requests / (summary.duration / 1e6)))
  io.write(string.format("latency: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000))
  io.write(string.format("saves sent: %d, acknowledged: %d; form loads: %d; failures: %d; socket errors: %d\n",
    saves, acknowledged, reads, failures,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
  local file = io.open(os.getenv("LOAD_RESULT"), "w")
  file:write(acknowledged .. " " .. failures .. "\n")
  file:close()
end
