-- POST a form as signed-in people, round-robin over the sessions in the file
-- BENCH_SESSIONS (lines "cookie csrf").  BENCH_KIND: concern (no file),
-- concern_file (a 100 KB text file), sign (the agreement, version BENCH_VERSION).
package.path = os.getenv("BENCH_DIR") .. "/?.lua;" .. package.path
local report = require("report")
local sessions = {}
for line in io.lines(os.getenv("BENCH_SESSIONS")) do
  local cookie, csrf, name = line:match("^(%S+) (%S+) ?(.*)$")
  sessions[#sessions + 1] = { cookie = cookie, csrf = csrf, name = name }
end
local kind, version = os.getenv("BENCH_KIND"), os.getenv("BENCH_VERSION") or ""
local boundary = "benchboundary7f3a"
local file = string.rep("Screenshot transcript line.\n", 3658) -- 102,424 bytes
local i = 0
-- Each report differs (its thread and number in the summary): staffroom
-- refuses the same report sent twice by the same person as a repeat.
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end

local function urlencode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function request()
  i = i + 1
  local s = sessions[(i % #sessions) + 1]
  local number = tostring(thread_number or 0) .. "-" .. i
  local headers = { ["Cookie"] = "sr_session=" .. s.cookie, ["Accept"] = "application/json" }
  local body
  if kind == "concern_file" then
    headers["Content-Type"] = "multipart/form-data; boundary=" .. boundary
    local function part(name, value)
      return "--" .. boundary .. '\r\nContent-Disposition: form-data; name="' .. name .. '"\r\n\r\n' .. value .. "\r\n"
    end
    body = part("csrf", s.csrf) .. part("category", "parent_post") .. part("summary", "Benchmark report with a file " .. number) ..
      "--" .. boundary .. '\r\nContent-Disposition: form-data; name="evidence"; filename="transcript.txt"\r\n' ..
      "Content-Type: text/plain\r\n\r\n" .. file .. "\r\n--" .. boundary .. "--\r\n"
  else
    headers["Content-Type"] = "application/x-www-form-urlencoded"
    if kind == "sign" then
      body = "csrf=" .. s.csrf .. "&version_id=" .. version .. "&agree=yes&typed_name=" .. urlencode(s.name)
    else
      body = "csrf=" .. s.csrf .. "&category=parent_post&summary=Benchmark+report+" .. number .. "&details=" ..
        "A+parent+posted+about+a+member+of+staff+in+a+public+group."
    end
  end
  return wrk.format("POST", wrk.path, headers, body)
end

done = report.done
