-- GET one path, signed in with the cookie in BENCH_COOKIE (may be empty),
-- as HTML or, with BENCH_JSON=1, as JSON.
package.path = os.getenv("BENCH_DIR") .. "/?.lua;" .. package.path
local report = require("report")
local cookie = os.getenv("BENCH_COOKIE") or ""
if cookie ~= "" then wrk.headers["Cookie"] = "sr_session=" .. cookie end
wrk.headers["Accept"] = os.getenv("BENCH_JSON") == "1" and "application/json" or "text/html"
done = report.done
