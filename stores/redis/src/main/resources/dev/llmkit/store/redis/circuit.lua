-- One circuit shared by every process, on the server's clock.
-- KEYS[1] hash {state closed|open|half_open, failures (in a row), successes (probes), openUntil (ms)};
-- KEYS[2] the probe lock: while half-open only the process holding it (SET NX PX) sends a probe.
-- ARGV[1] operation: acquire | success | failure | release | state; ARGV[2] failures that open;
-- ARGV[3] cooldown ms; ARGV[4] successful probes that close; ARGV[5] this process's lock token;
-- ARGV[6] probe lock lease ms (a crashed prober's lock lapses after it).
-- Returns {permit 1|0, state, ms the circuit stays open}.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local op = ARGV[1]
local threshold, cooldown, needed = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local token, lease = ARGV[5], tonumber(ARGV[6])

local s = redis.call('HMGET', KEYS[1], 'state', 'failures', 'successes', 'openUntil')
local state = s[1] or 'closed'
local failures = tonumber(s[2]) or 0
local successes = tonumber(s[3]) or 0
local open_until = tonumber(s[4]) or 0
if state == 'open' and now >= open_until then
  state = 'half_open'
  successes = 0
end

local function unlock()
  if redis.call('GET', KEYS[2]) == token then
    redis.call('DEL', KEYS[2])
  end
end

local function open()
  state = 'open'
  open_until = now + cooldown
  failures = 0
  successes = 0
  unlock()
end

local permit = 0
if op == 'acquire' then
  if state == 'closed' then
    permit = 1
  elseif state == 'half_open' and redis.call('SET', KEYS[2], token, 'NX', 'PX', lease) then
    permit = 1
  end
elseif op == 'success' then
  if state == 'half_open' then
    successes = successes + 1
    unlock()
    if successes >= needed then
      state = 'closed'
      failures = 0
      successes = 0
    end
  elseif state == 'closed' then
    failures = 0
  end
elseif op == 'failure' then
  if state == 'half_open' then
    open()
  elseif state == 'closed' then
    failures = failures + 1
    if failures >= threshold then
      open()
    end
  end
elseif op == 'release' then
  unlock()
end

-- acquire and release change the hash only when the circuit turned half-open; a read never does
if op == 'success' or op == 'failure' or (op == 'acquire' and state ~= (s[1] or 'closed')) then
  redis.call('HSET', KEYS[1], 'state', state, 'failures', failures, 'successes', successes,
    'openUntil', string.format('%d', open_until))
  redis.call('PEXPIRE', KEYS[1], 86400000 + cooldown)
end
local remaining = 0
if state == 'open' then
  remaining = open_until - now
end
return {permit, state, remaining}
