-- POST /v1/charges (source tok_visa) with the secret key and a unique Idempotency-Key per request.
-- Usage: wrk -t2 -c64 -d10s -s stripe-sandbox/bench/charges.lua http://127.0.0.1:12111
local counter = 0
local thread_id = 0

function setup(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
end

function init(args)
  math.randomseed(os.time() + tid)
  prefix = string.format("bench-%d-%d-%d-", os.time(), tid, math.random(1, 1000000000))
end

wrk.method = "POST"
wrk.path = "/v1/charges"
wrk.headers["Authorization"] = "Bearer sk_test_sandbox"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Stripe-Version"] = "2026-07-29.dahlia"

function request()
  counter = counter + 1
  wrk.headers["Idempotency-Key"] = prefix .. counter
  wrk.body = "amount=2000&currency=usd&source=tok_visa&metadata[order_id]=" .. prefix .. counter
  return wrk.format()
end
