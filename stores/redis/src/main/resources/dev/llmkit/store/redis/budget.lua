-- The budget ledger of one budget, in whole nano-dollars (exact as Lua numbers up to 2^53).
-- KEYS[1] ledger hash {spent, reserved}; KEYS[2] hash reservation id -> amount;
-- KEYS[3] sorted set reservation id -> deadline (server milliseconds).
-- ARGV[1] operation: reserve | settle | read; then per operation:
--   reserve: ARGV[2] id, ARGV[3] amount, ARGV[4] limit, ARGV[5] time to live in ms -> 1 reserved, 0 refused
--   settle:  ARGV[2] id, ARGV[3] actual -> 1
--   read:    -> {spent, reserved}
-- Every operation first releases the reservations past their deadline (a crashed process's), so the
-- cap holds for any number of callers and nothing leaks for longer than a reservation's time to live.
local ledger, holds, deadlines = KEYS[1], KEYS[2], KEYS[3]
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)

local expired = redis.call('ZRANGEBYSCORE', deadlines, '-inf', now)
if #expired > 0 then
  local released = 0
  for _, id in ipairs(expired) do
    local held = redis.call('HGET', holds, id)
    if held then
      released = released + tonumber(held)
      redis.call('HDEL', holds, id)
    end
  end
  redis.call('ZREMRANGEBYSCORE', deadlines, '-inf', now)
  redis.call('HINCRBY', ledger, 'reserved', string.format('%d', -released))
end

local function release(id)
  local held = redis.call('HGET', holds, id)
  if held then
    redis.call('HDEL', holds, id)
    redis.call('ZREM', deadlines, id)
    redis.call('HINCRBY', ledger, 'reserved', string.format('%d', -tonumber(held)))
  end
end

local op = ARGV[1]
if op == 'reserve' then
  local id, amount, limit = ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4])
  release(id)
  local spent = tonumber(redis.call('HGET', ledger, 'spent') or '0')
  local reserved = tonumber(redis.call('HGET', ledger, 'reserved') or '0')
  if spent + reserved + amount > limit then
    return 0
  end
  redis.call('HSET', holds, id, ARGV[3])
  redis.call('ZADD', deadlines, now + tonumber(ARGV[5]), id)
  redis.call('HINCRBY', ledger, 'reserved', ARGV[3])
  return 1
elseif op == 'settle' then
  release(ARGV[2])
  redis.call('HINCRBY', ledger, 'spent', ARGV[3])
  return 1
end
return {redis.call('HGET', ledger, 'spent') or '0', redis.call('HGET', ledger, 'reserved') or '0'}
