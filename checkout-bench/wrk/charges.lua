-- POST /v1/charges of the pre-made test token tok_visa with the secret key and a unique Idempotency-Key per
-- request (wrk cannot carry a fresh token from one request to the next). Used by ./bench.sh sandbox:
--   wrk -t2 -c64 -d10s --latency -s checkout-bench/wrk/charges.lua http://127.0.0.1:<sandbox port>
local n = 0
local prefix

function init(args)
  prefix = string.format("wrk-ch-%d-%s-", os.time(), tostring({}):sub(8))
end

wrk.method = "POST"
wrk.path = "/v1/charges"
wrk.headers["Authorization"] = "Bearer sk_test_sandbox"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"

function request()
  n = n + 1
  local key = prefix .. n
  wrk.headers["Idempotency-Key"] = key
  wrk.body = "amount=2000&currency=usd&source=tok_visa&metadata[order_id]=" .. key
  return wrk.format()
end
