-- wrk script for `scripts/bench api`: POSTs a web message to /api/v1/pairings/<id>/messages as the pairing's mentor.
-- Argument: a file of "pairing-id bearer-token" lines (written by BenchFixture). Each thread starts at a different
-- pairing and goes round them, so the load is spread over several conversations.
local targets = {}
local counter = 0
local thread_offset = 0
local threads = 0

local text = "Thanks for the session today, it was good to hear how the mock exams went. For next time, have a look at "
  .. "the revision guide and try the practice questions on chapter four. The careers fair is next month in the main "
  .. "hall, and there will be apprenticeship providers there too. Most courses ask for about three A levels; think "
  .. "about which subjects you enjoy most before we meet. Well done again, keep going with twenty minutes of reading "
  .. "each day and tell me how the book goes. I found a useful video about quadratic equations; the programme team can "
  .. "share the link with you. See you next week."

function setup(thread)
  thread:set("offset", threads)
  threads = threads + 1
end

function init(args)
  thread_offset = tonumber(offset) or 0
  for line in io.lines(args[1]) do
    local id, token = line:match("^(%S+)%s+(%S+)$")
    if id then targets[#targets + 1] = { id = id, token = token } end
  end
  if #targets == 0 then error("no targets in " .. tostring(args[1])) end
end

function request()
  counter = counter + 1
  local t = targets[((counter + thread_offset) % #targets) + 1]
  local body = '{"subject":"Session notes ' .. counter .. '","text":"' .. text .. '"}'
  return wrk.format("POST", "/api/v1/pairings/" .. t.id .. "/messages",
    { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. t.token }, body)
end
