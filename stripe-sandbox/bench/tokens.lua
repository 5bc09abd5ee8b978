-- POST /v1/tokens with the publishable key and a unique Idempotency-Key per request (as every SDK POST has one).
-- Usage: wrk -t2 -c64 -d10s -s stripe-sandbox/bench/tokens.lua http://127.0.0.1:12111
local counter = 0
local thread_id = 0
local threads = {}

function setup(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() + tid)
  prefix = string.format("bench-%d-%d-%d-", os.time(), tid, math.random(1, 1000000000))
end

wrk.method = "POST"
wrk.path = "/v1/tokens"
wrk.headers["Authorization"] = "Bearer pk_test_sandbox"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Stripe-Version"] = "2026-07-29.dahlia"
wrk.body = "card[number]=4242424242424242&card[exp_month]=12&card[exp_year]=2034&card[cvc]=123&card[address_zip]=94110"

function request()
  counter = counter + 1
  wrk.headers["Idempotency-Key"] = prefix .. counter
  return wrk.format()
end

function response(status, headers, body)
  if status ~= 200 then
    errors = (errors or 0) + 1
  end
end
