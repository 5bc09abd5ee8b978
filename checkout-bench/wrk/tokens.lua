-- POST /v1/tokens with the publishable key, a test card and a unique Idempotency-Key per request
-- (as every Stripe SDK sends one). Used by ./bench.sh sandbox:
--   wrk -t2 -c64 -d10s --latency -s checkout-bench/wrk/tokens.lua http://127.0.0.1:<sandbox port>
local n = 0
local prefix

function init(args)
  -- a prefix per wrk thread and run, so keys never repeat across threads or runs
  prefix = string.format("wrk-tok-%d-%s-", os.time(), tostring({}):sub(8))
end

wrk.method = "POST"
wrk.path = "/v1/tokens"
wrk.headers["Authorization"] = "Bearer pk_test_sandbox"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.body = "card[number]=4242424242424242&card[exp_month]=12&card[exp_year]=2034&card[cvc]=123"

function request()
  n = n + 1
  wrk.headers["Idempotency-Key"] = prefix .. n
  return wrk.format()
end
