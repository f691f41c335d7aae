-- One token bucket, on the server's clock (TIME) so that the clocks of the callers do not matter.
-- KEYS[1] hash {tokens, last (server microseconds)}.
-- ARGV[1] operation: reserve | adjust; ARGV[2] permits a minute (the capacity); ARGV[3] permits
-- (negative gives back, adjust only); ARGV[4] the longest wait accepted, in microseconds (reserve).
-- Returns {granted 1|0, wait in microseconds}. Same arithmetic as InMemoryRateLimitStore: a
-- reservation that fits within the wait is taken in advance (the bucket goes into debt).
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local capacity = tonumber(ARGV[2])
local per_micro = capacity / 60000000
local permits = tonumber(ARGV[3])

local state = redis.call('HMGET', KEYS[1], 'tokens', 'last')
local tokens = tonumber(state[1]) or capacity
local last = tonumber(state[2]) or now
if now > last then
  tokens = math.min(capacity, tokens + (now - last) * per_micro)
  last = now
end

local granted, wait = 1, 0
if ARGV[1] == 'adjust' then
  tokens = math.min(capacity, tokens - permits)
elseif tokens >= permits then
  tokens = tokens - permits
else
  wait = math.ceil((permits - tokens) / per_micro)
  if wait > tonumber(ARGV[4]) then
    granted = 0
  else
    tokens = tokens - permits
  end
end

redis.call('HSET', KEYS[1], 'tokens', string.format('%.17g', tokens), 'last', string.format('%d', last))
-- A bucket left alone refills to full; past that its key carries nothing and may go.
redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - tokens) / per_micro / 1000) + 1000)
return {granted, string.format('%d', wait)}
